import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type JsonObject, memorySource, NotEvtxError } from '../evtx';
import { NotEventXmlError, readEventXml } from '.';
import { collect } from './testing/collect';
import { CORPUS, hasCorpus } from './testing/corpus';
import { bareEvents, eventsDocument, utf16le, utf8 } from './testing/documents';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const ev = (id: number, data = `v${id}`) =>
  `<Event xmlns="${NS}"><System><EventID>4624</EventID><EventRecordID>${id}</EventRecordID></System>` +
  `<EventData><Data Name="Target">${data}</Data></EventData></Event>`;
const recordIds = (r: { events: { json: JsonObject }[] }) =>
  r.events.map((e) => ((e.json['Event'] as JsonObject)['System'] as JsonObject)['EventRecordID']);
const target = (json: JsonObject) => ((json['Event'] as JsonObject)['EventData'] as JsonObject)['Target'];

describe('readEventXml on hostile input', () => {
  it('reads events split across slices of any size, in UTF-8 and UTF-16 alike', async () => {
    const events = [ev(1, 'é€😀'), ev(2), ev(3, 'ü'.repeat(50))];
    const le = utf16le(eventsDocument(events));
    const be = le.map((_, i) => le[i ^ 1]!);
    const encodings = [utf8(eventsDocument(events)), utf8(bareEvents(events), true), le, le.subarray(2), be, be.subarray(2)];
    for (const bytes of encodings) {
      const whole = await collect(bytes);
      expect(recordIds(whole)).toEqual([1, 2, 3]);
      expect(target(whole.events[0]!.json)).toBe('é€😀');
      for (const sliceSize of [1, 2, 3, 5, 7, 64, 333]) expect(await collect(bytes, 'x', { sliceSize }), `slices of ${sliceSize}`).toEqual(whole);
    }
  });

  it('reports a malformed event (file, offset, record id) and keeps the others', async () => {
    const bad = `<Event xmlns="${NS}"><System><EventRecordID>2</EventRecordID></Sys></Event>`;
    const text = eventsDocument([ev(1), bad, ev(3)]);
    const r = await collect(utf8(text), 'broken.xml');
    expect(recordIds(r)).toEqual([1, 3]);
    expect(r.problems).toEqual([
      { file: 'broken.xml', chunk: -1, offset: text.indexOf(bad), recordId: 2, kind: 'xml-record-skipped', message: expect.stringMatching(/^malformed event: /) },
    ]);
  });

  it('reports events cut short: no </Event> before the next one, or at the end of the file', async () => {
    const text = bareEvents([ev(1), '<Event><System><EventRecordID>2</EventRecordID>', ev(3), '<Event><System>']);
    const r = await collect(utf8(text));
    expect(recordIds(r)).toEqual([1, 3]);
    expect(r.problems.map((p) => [p.offset, p.recordId, p.message])).toEqual([
      [ev(1).length, 2, 'event has no </Event> before the next <Event>'],
      [text.lastIndexOf('<Event'), undefined, 'file ends inside an event'],
    ]);
  });

  it('never expands DOCTYPE entities (no XXE, no billion laughs)', async () => {
    const doctype =
      '<?xml version="1.0"?>\n<!DOCTYPE Events [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n' +
      '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n';
    const r = await collect(utf8(`${doctype}<Events>${ev(1, '&xxe;')}${ev(2, '&lol2;')}</Events>`));
    expect(r.events.map((e) => target(e.json))).toEqual(['&xxe;', '&lol2;']);
    expect(r.problems).toEqual([]);
    const inside = await collect(utf8(`<Event><!DOCTYPE e [<!ENTITY x "boom">]><System/></Event>${ev(2)}`));
    expect(recordIds(inside)).toEqual([2]);
    expect(inside.problems[0]!.message).toMatch(/DOCTYPE declaration inside an event/);
  });

  it('survives deep nesting: reported, not a stack overflow', async () => {
    const deep = `<Event><UserData>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}</UserData></Event>`;
    const r = await collect(utf8(bareEvents([ev(1), deep, ev(3)])));
    expect(recordIds(r)).toEqual([1, 3]);
    expect(r.problems[0]!.message).toMatch(/nested/i);
    const fine = await collect(utf8(`<Event><UserData>${'<a>'.repeat(60)}x${'</a>'.repeat(60)}</UserData></Event>`));
    expect(fine.problems).toEqual([]);
  });

  it('reads a huge attribute, and skips an event past the size bound', async () => {
    const huge = 'A'.repeat(8 * 1024 * 1024);
    const big = `<Event><System><Provider Name="${huge}"/><EventRecordID>2</EventRecordID></System></Event>`;
    const r = await collect(utf8(bareEvents([ev(1), big, ev(3)])));
    expect(recordIds(r)).toEqual([1, 2, 3]);
    const provider = ((r.events[1]!.json['Event'] as JsonObject)['System'] as JsonObject)['Provider'] as JsonObject;
    expect((provider['#attributes'] as JsonObject)['Name']).toBe(huge);
    const bounded = await collect(utf8(bareEvents([ev(1), big, ev(3)])), 'big.xml', { maxEventChars: 1024 * 1024, sliceSize: 65536 });
    expect(recordIds(bounded)).toEqual([1, 3]);
    expect(bounded.problems).toEqual([
      { file: 'big.xml', chunk: -1, offset: ev(1).length, kind: 'xml-record-skipped', message: 'event longer than 1048576 characters, skipped' },
    ]);
  });

  it('refuses what is not Event Viewer XML, naming the file', async () => {
    const random = new Uint8Array(4096).map((_, i) => (i * 2654435761) >>> 24);
    const cases: [string, Uint8Array][] = [
      ['random.bin', random],
      ['empty.xml', new Uint8Array(0)],
      ['notes.txt', utf8('hello, world\n')],
      ['other.xml', utf8('<?xml version="1.0"?><root><item/></root>')],
      ['evtx-header.evtx', utf8('ElfFile\0\0\0\0\0\0\0\0\0<Event>')],
    ];
    if (hasCorpus) cases.push(['security.evtx', new Uint8Array(readFileSync(join(CORPUS, 'evtx-samples/security.evtx')))]);
    for (const [name, bytes] of cases) {
      const read = readEventXml(memorySource(bytes, name), () => {});
      await expect(read, name).rejects.toThrow(NotEventXmlError);
      await expect(read, name).rejects.toThrow(NotEvtxError);
      await expect(read, name).rejects.toThrow(`${name} is neither an EVTX file nor Event Viewer XML`);
    }
  });

  it('reads an export with no events as zero records', async () => {
    expect(await collect(utf8('<?xml version="1.0" encoding="UTF-8"?>\r\n<Events>\r\n</Events>\r\n'))).toEqual({ events: [], records: 0, problems: [] });
  });

  it('stops when aborted', async () => {
    const ctl = new AbortController();
    const bytes = utf8(bareEvents([ev(1), ev(2), ev(3)]));
    const read = readEventXml(memorySource(bytes), () => ctl.abort(), ctl.signal, { sliceSize: 16 });
    await expect(read).rejects.toThrow(/abort/i);
  });
});
