/** Text encodings Event Viewer XML comes in: Windows writes UTF-8 (with or without BOM) or UTF-16LE with BOM. */
export type XmlEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface DetectedEncoding {
  encoding: XmlEncoding;
  /** Bytes of byte order mark to skip (0 when there is none). */
  bom: number;
}

/** Detects the encoding from the first bytes: a BOM, else the zero bytes of UTF-16 ASCII text, else UTF-8. */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  const [b0, b1, b2] = head;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', bom: 2 };
  if (head.length >= 2 && b0 !== 0 && b1 === 0) return { encoding: 'utf-16le', bom: 0 };
  if (head.length >= 2 && b0 === 0 && b1 !== 0) return { encoding: 'utf-16be', bom: 0 };
  return { encoding: 'utf-8', bom: 0 };
}

/** Encoded size of `s.slice(start, end)`: how far the file advanced while that text was read. */
export type ByteLength = (s: string, start: number, end: number) => number;

/**
 * UTF-8 size of decoded text. Each half of a surrogate pair counts 2 so that a pair cut in two
 * still sums to 4. Invalid input bytes decode to U+FFFD and count 3, so offsets after them can drift.
 */
export function utf8Length(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return n;
}

export function byteLengthOf(encoding: XmlEncoding): ByteLength {
  return encoding === 'utf-8' ? utf8Length : (_s, start, end) => 2 * (end - start);
}

/** How much of a file is looked at to decide whether it is Event Viewer XML. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * Why `head` (the first bytes of a file) is not Event Viewer XML, or null when it looks like it:
 * text (no NUL characters), starting with markup, with an `<Event` or `<Events` tag early on.
 */
export function notEventXmlReason(head: Uint8Array): string | null {
  if (head.length === 0) return 'the file is empty';
  const { encoding, bom } = detectEncoding(head);
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(head.subarray(bom, SNIFF_BYTES));
  if (text.includes('\0')) return 'it holds binary data';
  if (!/^\s*</.test(text)) return 'it does not start with XML markup';
  if (!text.includes('<Event')) return `no <Event> element in its first ${SNIFF_BYTES / 1024} KiB`;
  return null;
}

/** True when the first bytes of a file look like Event Viewer XML (see notEventXmlReason). */
export function looksLikeEventXml(head: Uint8Array): boolean {
  return notEventXmlReason(head) === null;
}
