import type { ByteSource, JsonObject, Problem } from '../evtx';
import { type Cut, EventCutter } from './cut';
import { byteLengthOf, detectEncoding, notEventXmlReason, SNIFF_BYTES } from './encoding';
import { NotEventXmlError } from './errors';
import { parseEvent } from './parse-event';

export const DEFAULT_SLICE_SIZE = 4 * 1024 * 1024;
/** Events longer than this (in characters) are skipped; real ones are a few KiB. */
export const DEFAULT_MAX_EVENT_CHARS = 16 * 1024 * 1024;

export interface ReadEventXmlOptions {
  /** Bytes read from the source at a time. */
  sliceSize?: number;
  maxEventChars?: number;
}

export interface ReadEventXmlResult {
  records: number;
  problems: Problem[];
}

/**
 * Reads Event Viewer XML ("Save All Events As… XML": `<Events><Event>…</Event>…</Events>`) or
 * `wevtutil qe /f:xml` output (bare `<Event>` elements), in UTF-8 with or without BOM or UTF-16
 * with BOM, slice by slice: memory stays bounded whatever the file size. Each event is handed to
 * `onRecord` as evtx_dump-shaped JSON, with its index (0-based, among the events read) and the
 * byte offset where it starts in the file. A broken event becomes a Problem and reading goes on.
 * Throws NotEventXmlError (naming the file) when the input is not Event Viewer XML at all.
 */
export async function readEventXml(
  source: ByteSource,
  onRecord: (json: JsonObject, index: number, offset: number) => void,
  signal?: AbortSignal,
  options: ReadEventXmlOptions = {},
): Promise<ReadEventXmlResult> {
  signal?.throwIfAborted();
  const sliceSize = Math.max(1, options.sliceSize ?? DEFAULT_SLICE_SIZE);
  const head = await source.read(0, Math.min(source.size, SNIFF_BYTES));
  const reason = notEventXmlReason(head);
  if (reason) throw new NotEventXmlError(source.name, reason);

  const { encoding, bom } = detectEncoding(head);
  const decoder = new TextDecoder(encoding, { ignoreBOM: true });
  const cutter = new EventCutter(bom, byteLengthOf(encoding), options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS);
  const problems: Problem[] = [];
  let records = 0;

  const skipped = (offset: number, message: string, text?: string) => {
    const problem: Problem = { file: source.name, chunk: -1, offset, kind: 'xml-record-skipped', message };
    const id = text === undefined ? undefined : recordIdIn(text);
    if (id !== undefined) problem.recordId = id;
    problems.push(problem);
  };
  const take = (cut: Cut) => {
    switch (cut.kind) {
      case 'event': {
        let json: JsonObject;
        try {
          json = parseEvent(cut.text);
        } catch (e) {
          skipped(cut.offset, `malformed event: ${(e as Error).message}`, cut.text);
          return;
        }
        onRecord(json, records++, cut.offset);
        return;
      }
      case 'oversized':
        return skipped(cut.offset, `event longer than ${options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS} characters, skipped`);
      case 'unclosed':
        return skipped(cut.offset, 'event has no </Event> before the next <Event>', cut.text);
      case 'truncated':
        return skipped(cut.offset, 'file ends inside an event', cut.text);
    }
  };

  for (let offset = bom; offset < source.size; ) {
    signal?.throwIfAborted();
    let bytes: Uint8Array;
    try {
      bytes = await source.read(offset, sliceSize);
    } catch (e) {
      problems.push({ file: source.name, chunk: -1, offset, kind: 'read-error', message: `read failed, rest of the file skipped: ${(e as Error).message}` });
      break;
    }
    if (bytes.length === 0) break;
    offset += bytes.length;
    cutter.push(decoder.decode(bytes, { stream: true }), take);
  }
  cutter.push(decoder.decode(), take);
  cutter.end(take);
  return { records, problems };
}

/** The EventRecordID of a (possibly broken) event's text, to name it in a Problem. */
function recordIdIn(text: string): number | undefined {
  const m = /<EventRecordID>\s*(\d{1,15})\s*<\/EventRecordID>/.exec(text);
  return m ? Number(m[1]) : undefined;
}
