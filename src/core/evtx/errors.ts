/** Where in the input something went wrong. Offsets are absolute byte offsets in the file. */
export interface Problem {
  file: string;
  /** Chunk index (0-based, counted from the first chunk after the file header), or -1 for the file header. */
  chunk: number;
  /** Absolute byte offset in the file. */
  offset: number;
  /** Record id when the problem concerns one record. */
  recordId?: number;
  kind: ProblemKind;
  message: string;
}

export type ProblemKind =
  | 'file-header-checksum'
  | 'file-header'
  | 'chunk-header-checksum'
  | 'chunk-records-checksum'
  | 'chunk-skipped'
  | 'record-skipped'
  | 'not-evtx'
  | 'xml-record-skipped'
  | 'read-error';

/** A structural error at a known chunk-relative offset; caught at record or chunk level and turned into a Problem. */
export class EvtxFormatError extends Error {
  constructor(
    message: string,
    /** Byte offset relative to the start of the buffer being parsed (the chunk, or the file header). */
    readonly offset: number,
  ) {
    super(message);
    this.name = 'EvtxFormatError';
  }
}

/** Thrown when a whole input cannot be read as EVTX at all (wrong magic, empty file). */
export class NotEvtxError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file} is not an EVTX file: ${reason}`);
    this.name = 'NotEvtxError';
  }
}
