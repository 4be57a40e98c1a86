import type { ByteLength } from './encoding';

/** What the cutter hands on: a whole event's text, or the reason an event was given up. */
export type Cut =
  | { kind: 'event'; offset: number; text: string }
  /** An event that grew past the size bound; its text was dropped while reading on to its end. */
  | { kind: 'oversized'; offset: number }
  /** An event with no `</Event>` before the next `<Event` (the next one is read normally). */
  | { kind: 'unclosed'; offset: number; text: string }
  /** The input ended inside an event. */
  | { kind: 'truncated'; offset: number; text: string };

const enum Mode {
  Between,
  InEvent,
  Skipping,
}

/** Longest text that can hold an unfinished `</Event` followed by the character that decides it. */
const TAIL = 8;

/**
 * Cuts a stream of decoded text into `<Event …>…</Event>` pieces, whatever the slices look like:
 * an event split across any number of pushes comes out whole. Text between events (the XML
 * declaration, an `<Events>` wrapper, whitespace) is dropped. `</Event>` cannot occur inside an
 * event's text, since `<` is always escaped there; events are not nested in one another, so a new
 * `<Event` before the `</Event>` means the previous event is broken. Offsets are absolute byte
 * offsets in the file, counted with `byteLength` from `start` (the size of the byte order mark).
 * Memory is bounded: at most `maxChars` of one event plus the latest push are held.
 */
export class EventCutter {
  private buf = '';
  /** Byte offset of buf[0] in the file. */
  private offset: number;
  private mode = Mode.Between;
  /** `<Event` or `</Event` as a whole tag name (not `<Events>`, `<EventData>`, `<EventID>`…). */
  private readonly tag = /<\/?Event(?=[\s/>])/g;
  /** Where to go on looking for the next tag in buf (in an event, or while skipping one). */
  private scan = 0;

  constructor(
    start: number,
    private readonly byteLength: ByteLength,
    private readonly maxChars: number,
  ) {
    this.offset = start;
  }

  push(text: string, out: (cut: Cut) => void): void {
    this.buf += text;
    for (;;) {
      if (this.mode === Mode.Between && !this.findStart()) return;
      if (this.mode === Mode.InEvent && !this.findEnd(out)) return;
      if (this.mode === Mode.Skipping && !this.skip()) return;
    }
  }

  /** The input is over: an event still open is reported as truncated. */
  end(out: (cut: Cut) => void): void {
    if (this.mode === Mode.InEvent) out({ kind: 'truncated', offset: this.offset, text: this.buf });
    this.consume(this.buf.length);
    this.mode = Mode.Between;
  }

  private consume(n: number): void {
    if (n <= 0) return;
    this.offset += this.byteLength(this.buf, 0, n);
    this.buf = this.buf.slice(n);
    this.scan = Math.max(0, this.scan - n);
  }

  /** Drops text up to the next event start; false when more text is needed. */
  private findStart(): boolean {
    this.tag.lastIndex = 0;
    for (let m = this.tag.exec(this.buf); m; m = this.tag.exec(this.buf)) {
      if (m[0][1] === '/') continue; // a stray end tag between events
      this.consume(m.index);
      this.mode = Mode.InEvent;
      this.scan = 0;
      return true;
    }
    this.consume(this.buf.length - TAIL);
    return false;
  }

  /** Looks for the end of the event at buf[0]; false when more text is needed. */
  private findEnd(out: (cut: Cut) => void): boolean {
    if (this.scan === 0) {
      // The event's own start tag: `<Event …/>` is a whole (empty) event.
      const close = startTagEnd(this.buf, 6);
      if (close === -1) return this.waitInEvent(out, 0);
      if (this.buf[close - 1] === '/') return this.emitEvent(out, close + 1);
      this.scan = close + 1;
    }
    this.tag.lastIndex = this.scan;
    for (let m = this.tag.exec(this.buf); m; m = this.tag.exec(this.buf)) {
      if (m[0][1] !== '/') {
        out({ kind: 'unclosed', offset: this.offset, text: this.buf.slice(0, m.index) });
        this.consume(m.index);
        this.scan = 0;
        return true;
      }
      const close = endTagEnd(this.buf, m.index + 7);
      if (close === -1) return this.waitInEvent(out, m.index);
      if (close >= 0) return this.emitEvent(out, close + 1);
    }
    return this.waitInEvent(out, Math.max(this.scan, this.buf.length - TAIL));
  }

  private emitEvent(out: (cut: Cut) => void, end: number): true {
    out({ kind: 'event', offset: this.offset, text: this.buf.slice(0, end) });
    this.consume(end);
    this.mode = Mode.Between;
    return true;
  }

  /** Waits for more text, unless the event has outgrown the bound: then it is skipped. */
  private waitInEvent(out: (cut: Cut) => void, scan: number): boolean {
    this.scan = scan;
    if (this.buf.length <= this.maxChars) return false;
    out({ kind: 'oversized', offset: this.offset });
    this.mode = Mode.Skipping;
    this.scan = Math.max(1, this.scan);
    return true;
  }

  /** Drops text up to the end of the oversized event (or the next event start); false when more is needed. */
  private skip(): boolean {
    this.tag.lastIndex = this.scan;
    for (let m = this.tag.exec(this.buf); m; m = this.tag.exec(this.buf)) {
      if (m[0][1] !== '/') {
        this.consume(m.index);
        this.mode = Mode.Between;
        return true;
      }
      const close = endTagEnd(this.buf, m.index + 7);
      if (close === -1) {
        this.consume(m.index);
        this.scan = 0;
        return false;
      }
      if (close >= 0) {
        this.consume(close + 1);
        this.mode = Mode.Between;
        return true;
      }
    }
    this.consume(this.buf.length - TAIL);
    this.scan = 0;
    return false;
  }
}

/**
 * Index of the `>` that ends the start tag whose name ends before `from`, skipping quoted attribute
 * values; -1 when the text ends first. A `<` outside quotes (broken markup) also ends the search,
 * at the character before it, so a broken tag never makes the cutter read far ahead.
 */
function startTagEnd(s: string, from: number): number {
  let quote = '';
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (c === '<') return i - 1; // not in markup, nor in an attribute value
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

/** Index of the `>` of an end tag whose name ends before `from`; -1 when the text ends first, -2 when it is not one. */
function endTagEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3e) return i;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return -2;
  }
  return -1;
}
