/** Builds XML files around event texts the way Windows writes them, for tests. */

const EVENTS_HEADER = '<?xml version="1.0" encoding="UTF-8"?>\r\n<Events>\r\n';

/** Event Viewer's "Save All Events As… XML": declaration and an `<Events>` wrapper. */
export function eventsDocument(events: readonly string[]): string {
  return `${EVENTS_HEADER}${events.join('\r\n')}\r\n</Events>\r\n`;
}

/** `wevtutil qe LOG /f:xml`: the events one after another, no declaration, no wrapper. */
export function bareEvents(events: readonly string[]): string {
  return events.join('');
}

export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + 2 * text.length);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}
