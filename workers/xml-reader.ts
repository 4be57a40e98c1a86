import type { ByteSource, JsonObject, Problem, RecordRow } from '../src/core/evtx';
import { detectEncoding, readEventXml, rowFromJson } from '../src/core/xml';

/** What the worker needs from the XML event reader (src/core/xml); tests may pass their own. */
export interface XmlReader {
  /** Reads the events of an Event Viewer XML file; throws NotEvtxError (a NotEventXmlError) naming it when it is none. */
  readEventXml(
    source: ByteSource,
    onRecord: (json: JsonObject, index: number, offset: number) => void,
    signal?: AbortSignal,
  ): Promise<{ records: number; problems: Problem[] }>;
  /** The table row of an event; its `offset` is the event's byte offset in the file. */
  rowFromJson(json: JsonObject, index: number, offset: number): RecordRow;
  /** The text encoding of a file, from its first bytes (to show an event's own XML). */
  detectEncoding(head: Uint8Array): { encoding: string };
}

export const xmlReader: XmlReader | null = { readEventXml, rowFromJson, detectEncoding };
