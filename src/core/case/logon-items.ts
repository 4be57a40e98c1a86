import { type ByteSource, type EvtxRecord, type FieldValue, flattenJson, hasEvtxMagic, type JsonObject, NotEvtxError, openEvtx, type Problem, readChunks, readRecordValues } from '../evtx';
import { F, LOGON_FIELDS, normalizeValues, type NormalizedEvent } from '../logon';
import { looksLikeEventXml, readEventXml } from '../xml';

/** One normalized event and the computer whose log holds it (the key for recognising re-imports). */
export interface LogonItem {
  event: NormalizedEvent;
  computer: string | null;
}

function computerOf(values: readonly (FieldValue | undefined)[]): string | null {
  const c = values[F['System.Computer']];
  return typeof c === 'string' && c !== '' ? c.toLowerCase() : null;
}

/** Through the parser's fast path: the logon fields straight from the substitution values. */
export function logonItemFromRecord(record: EvtxRecord, tzHours: number, out: (FieldValue | undefined)[]): LogonItem | null {
  const values = readRecordValues(record, LOGON_FIELDS, out);
  const event = normalizeValues(values, tzHours);
  return event && { event, computer: computerOf(values) };
}

/** From an event already rendered as JSON (Event Viewer XML input). */
export function logonItemFromJson(json: JsonObject, tzHours: number): LogonItem | null {
  const flat = flattenJson(json);
  const values = LOGON_FIELDS.map((name) => flat[name]);
  const event = normalizeValues(values, tzHours);
  return event && { event, computer: computerOf(values) };
}

export interface LogonBatch {
  items: LogonItem[];
  /** Records read (all event ids). */
  records: number;
  problems: Problem[];
  /** Bytes of the file read so far. */
  bytesDone: number;
}

/**
 * Reads a whole EVTX or Event Viewer XML source in order and hands its normalized events over in
 * batches (one per run of chunks). Used where one thread reads a file (the CLI, tests, a worker
 * that owns a file); the page spreads chunks over a pool instead.
 */
export async function readLogonItems(source: ByteSource, tzHours: number, onBatch: (batch: LogonBatch) => void | Promise<void>, signal?: AbortSignal): Promise<void> {
  const head = await source.read(0, 4096);
  const out: (FieldValue | undefined)[] = [];
  if (hasEvtxMagic(head)) {
    const layout = await openEvtx(source);
    let bytesDone = 0;
    if (layout.problems.length) await onBatch({ items: [], records: 0, problems: layout.problems, bytesDone });
    for (let i = 0; i < layout.blocks; i += 16) {
      signal?.throwIfAborted();
      const outcomes = await readChunks(source, layout, i, Math.min(layout.blocks, i + 16), (r) => logonItemFromRecord(r, tzHours, out));
      const items: LogonItem[] = [];
      const problems: Problem[] = [];
      let records = 0;
      for (const o of outcomes) {
        for (const item of o.items) if (item) items.push(item);
        problems.push(...o.problems);
        records += o.records;
        bytesDone += o.bytes;
      }
      await onBatch({ items, records, problems, bytesDone: Math.min(bytesDone, source.size) });
    }
    return;
  }
  if (!looksLikeEventXml(head)) {
    throw new NotEvtxError(source.name, head.length === 0 ? 'the file is empty' : 'it is neither EVTX (no "ElfFile" signature) nor Event Viewer XML');
  }
  let items: LogonItem[] = [];
  let records = 0;
  let lastOffset = 0;
  const pending: Promise<void>[] = [];
  const result = await readEventXml(
    source,
    (json, _index, offset) => {
      records++;
      lastOffset = offset;
      const item = logonItemFromJson(json, tzHours);
      if (item) items.push(item);
      if (records % 4096 === 0) {
        const p = onBatch({ items, records: 4096, problems: [], bytesDone: lastOffset });
        if (p) pending.push(p);
        items = [];
      }
    },
    signal,
  );
  await Promise.all(pending);
  await onBatch({ items, records: records % 4096, problems: result.problems, bytesDone: source.size });
}
