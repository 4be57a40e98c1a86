const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;

/**
 * Replaces the five predefined XML entities and numeric character references. Nothing else is
 * expanded: a reference to any other entity (`&nbsp;`, `&xxe;`, one a DOCTYPE would declare)
 * stays as literal text, so no document can make the parser read files or blow up memory.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(REFERENCE, (ref, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    if (name) return NAMED[name]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code <= 0x10ffff ? String.fromCodePoint(code) : ref;
  });
}

/** Markup (whose line breaks are only layout) or a carriage return in text. */
const MARKUP_OR_CR = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>|\r/g;
const QUOTED_OR_CR = /"[^"]*"|'[^']*'|\r/g;

/**
 * Keeps the carriage returns of text and attribute values by writing them as `&#13;`: an XML
 * parser would turn every CR LF into LF, yet the same event read from EVTX keeps CR LF (messages,
 * script blocks, command lines), and both inputs should give the same values. CRs between
 * attributes are layout and become spaces; CDATA keeps its CRs raw (and the parser folds them).
 */
export function keepCarriageReturns(xml: string): string {
  if (!xml.includes('\r')) return xml;
  return xml.replace(MARKUP_OR_CR, (m) => {
    if (m === '\r') return '&#13;';
    if (m[1] === '!' || m[1] === '?' || !m.includes('\r')) return m;
    return m.replace(QUOTED_OR_CR, (q) => (q === '\r' ? ' ' : q.replaceAll('\r', '&#13;')));
  });
}
