import { NotEvtxError } from '../evtx';

/**
 * Thrown when an input is neither EVTX nor Event Viewer XML. A subclass of NotEvtxError, so code
 * that already reports "not EVTX" by file name handles it unchanged; only the message differs.
 */
export class NotEventXmlError extends NotEvtxError {
  constructor(file: string, reason: string) {
    super(file, reason);
    this.name = 'NotEventXmlError';
    this.message = `${file} is neither an EVTX file nor Event Viewer XML: ${reason}`;
  }
}
