import {
  blobSource,
  type ByteSource,
  type EvtxLayout,
  type JsonObject,
  NotEvtxError,
  openEvtx,
  type Problem,
  readChunk,
  readChunks,
  recordRow,
  type RecordRow,
  renderJsonText,
  renderXml,
  stringifyJson,
} from '../src/core/evtx';
import { type LogonItem, logonItemFromRecord } from '../src/core/case/logon-items';
import type { FieldValue } from '../src/core/evtx';
import { type XmlReader, xmlReader as defaultXmlReader } from './xml-reader';

/**
 * The parsing worker's API, as plain async functions: `evtx.worker.ts` exposes it through Comlink,
 * tests call it in-process. Every method returns its failures as values: nothing it is given makes it throw.
 */
export type WorkerResult<T> = { ok: true; value: T } | { ok: false; error: WorkerFailure };

export interface WorkerFailure {
  /** not-evtx: the input is no EVTX file; unsupported: no reader for it; not-found: no such record. */
  kind: 'not-evtx' | 'unsupported' | 'not-found' | 'error';
  message: string;
}

/** The rows of one chunk, in record order, with what went wrong in it. */
export interface ChunkRows {
  index: number;
  rows: RecordRow[];
  records: number;
  skippedRecords: number;
  problems: Problem[];
  /** Bytes read for this chunk. */
  bytes: number;
}

/** The normalized logon events of one chunk (the analysis's fast path), in record order. */
export interface LogonChunk {
  index: number;
  items: LogonItem[];
  records: number;
  problems: Problem[];
  bytes: number;
}

export interface RecordDetail {
  /** evtx_dump-shaped JSON on one line (stringifyJson): exact 64-bit integers, so pretty-print it as text. */
  json: string;
  /** The record as XML (for XML imports, the event's own text). */
  xml: string;
}

/** Rows of an XML import, delivered while it is read. */
export interface XmlBatch {
  rows: RecordRow[];
  problems: Problem[];
}

export interface XmlSummary {
  records: number;
  problems: number;
}

export interface EvtxWorkerApi {
  /** Reads the file header. Non-EVTX input gives `{ ok: false, error: { kind: 'not-evtx' } }` naming the file. */
  open(file: Blob, name: string): Promise<WorkerResult<EvtxLayout>>;
  /** Parses the given chunks (by index, in the order given) to table rows. */
  readChunks(file: Blob, layout: EvtxLayout, indices: number[]): Promise<WorkerResult<ChunkRows[]>>;
  /** Parses the given consecutive chunks through the fast path into normalized logon events. */
  readLogonChunks(file: Blob, layout: EvtxLayout, indices: number[], tzHours: number): Promise<WorkerResult<LogonChunk[]>>;
  /** Re-parses chunk `chunk` and renders the record at absolute file offset `offset`. */
  recordDetail(file: Blob, layout: EvtxLayout, chunk: number, offset: number): Promise<WorkerResult<RecordDetail>>;
  /**
   * Reads an Event Viewer XML file, handing rows to `onBatch` in order (each row's `offset` is the
   * event's byte offset). Input that is no event XML gives `{ kind: 'not-evtx' }` naming the file.
   */
  readXml(file: Blob, name: string, onBatch: (batch: XmlBatch) => unknown): Promise<WorkerResult<XmlSummary>>;
  /** The JSON and own XML text of the event at byte `offset` of an XML file (re-reads the file up to it). */
  xmlRecordDetail(file: Blob, name: string, offset: number): Promise<WorkerResult<RecordDetail>>;
}

const XML_BATCH = 2000;
/** The most of one XML event's text shown (real events are a few KiB). */
const MAX_EVENT_BYTES = 4 * 1024 * 1024;

/** A record that is not where the caller said. */
class NotFound extends Error {}

function failure(e: unknown): { ok: false; error: WorkerFailure } {
  if (e instanceof NotFound) return { ok: false, error: { kind: 'not-found', message: e.message } };
  if (e instanceof NotEvtxError) return { ok: false, error: { kind: 'not-evtx', message: e.message } };
  const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return { ok: false, error: { kind: 'error', message } };
}

async function guard<T>(body: () => Promise<T>): Promise<WorkerResult<T>> {
  try {
    return { ok: true, value: await body() };
  } catch (e) {
    return failure(e);
  }
}

function noXml(name: string): { ok: false; error: WorkerFailure } {
  return { ok: false, error: { kind: 'unsupported', message: `${name}: XML event files cannot be read yet (no XML reader in this build)` } };
}

/** Builds the API; `xml` is the XML reader to use (null: .xml files are refused as unsupported). */
export function createEvtxWorkerApi(xml: XmlReader | null = defaultXmlReader): EvtxWorkerApi {
  return {
    open: (file, name) => guard(() => openEvtx(blobSource(file, name))),

    readChunks: (file, layout, indices) =>
      guard(async () => {
        const source = blobSource(file, layout.file);
        // Batches are runs of consecutive chunks: one Blob read for the run.
        const contiguous = indices.every((index, i) => index === indices[0]! + i);
        const outcomes = contiguous
          ? await readChunks(source, layout, indices[0] ?? 0, (indices[0] ?? 0) + indices.length, recordRow)
          : await Promise.all(indices.map((index) => readChunk(source, layout, index, recordRow)));
        return outcomes.map((o) => ({ index: o.index, rows: o.items, records: o.records, skippedRecords: o.skippedRecords, problems: o.problems, bytes: o.bytes }));
      }),

    readLogonChunks: (file, layout, indices, tzHours) =>
      guard(async () => {
        const out: (FieldValue | undefined)[] = [];
        const first = indices[0] ?? 0;
        const outcomes = await readChunks(blobSource(file, layout.file), layout, first, first + indices.length, (r) => logonItemFromRecord(r, tzHours, out));
        return outcomes.map((o) => ({ index: o.index, items: o.items.filter((i): i is LogonItem => i !== null), records: o.records, problems: o.problems, bytes: o.bytes }));
      }),

    recordDetail: (file, layout, chunk, offset) =>
      guard(async () => {
        const source = blobSource(file, layout.file);
        const o = await readChunk(source, layout, chunk, (r) =>
          r.offset === offset ? { json: renderJsonText(r.nodes), xml: renderXml(r.nodes) } : null,
        );
        const found = o.items.find((d) => d !== null);
        if (found) return found;
        const why = o.problems.find((p) => p.offset >= offset && p.kind === 'record-skipped');
        throw new NotFound(`${layout.file}: no record at offset 0x${offset.toString(16)} in chunk ${chunk}${why ? ` (${why.message})` : ''}`);
      }),

    readXml: (file, name, onBatch) => {
      if (!xml) return Promise.resolve(noXml(name));
      return guard(async () => {
        const pending: unknown[] = [];
        let rows: RecordRow[] = [];
        const flush = (problems: Problem[] = []) => {
          if (rows.length === 0 && problems.length === 0) return;
          pending.push(onBatch({ rows, problems }));
          rows = [];
        };
        const result = await xml.readEventXml(blobSource(file, name), (json, index, offset) => {
          rows.push(xml.rowFromJson(json, index, offset));
          if (rows.length >= XML_BATCH) flush();
        });
        flush(result.problems);
        // Batches travel on their own channel: wait until the page has them all before answering.
        await Promise.all(pending);
        return { records: result.records, problems: result.problems.length };
      });
    },

    xmlRecordDetail: (file, name, offset) => {
      if (!xml) return Promise.resolve(noXml(name));
      return guard(async () => {
        // Events have no index to jump to: read up to the one at `offset`, and the next one's start.
        const source = blobSource(file, name);
        const stop = new AbortController();
        let json: JsonObject | null = null;
        let end = file.size;
        try {
          await xml.readEventXml(
            source,
            (event, _index, at) => {
              if (at === offset) json = event;
              else if (json && at > offset && !stop.signal.aborted) {
                end = at;
                stop.abort(); // the reader stops after the events already decoded
              }
            },
            stop.signal,
          );
        } catch (e) {
          if (!json || !stop.signal.aborted) throw e;
        }
        if (!json) throw new NotFound(`${name}: no event at offset 0x${offset.toString(16)}`);
        return { json: stringifyJson(json), xml: await eventText(source, xml, offset, end) };
      });
    },
  };
}

/** The event's own text, from its first byte to the next event's (or the end), cut after </Event>. */
async function eventText(source: ByteSource, xml: XmlReader, offset: number, end: number): Promise<string> {
  const { encoding } = xml.detectEncoding(await source.read(0, 4));
  const bytes = await source.read(offset, Math.min(end - offset, MAX_EVENT_BYTES));
  const text = new TextDecoder(encoding).decode(bytes);
  const close = text.lastIndexOf('</Event>');
  return close >= 0 ? text.slice(0, close + '</Event>'.length) : text;
}
