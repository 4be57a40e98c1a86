import { describe, expect, it } from 'vitest';
import { memorySource, openEvtx, readChunk, renderJson } from '..';
import { ParsedRecord } from '../record';
import { ChunkWriter, evtxFile } from '../testing/evtx-writer';

const STRING = 0x01;
const utf16 = (s: string) => new Uint8Array(Buffer.from(s, 'utf16le'));

/**
 * One chunk: `filler` records of plain BinXML (to move what follows), a template defining the name
 * `account` inline, then a record whose template refers to that name by offset and holds an inline
 * name of its own, instantiated with `user`.
 */
function chunk(filler: number, account: string, user: string): Uint8Array {
  const w = new ChunkWriter();
  let id = 1;
  for (let i = 0; i < filler; i++) w.record(id++, (w) => w.fragmentHeader().open('Filler').closeEmpty().eof());
  let accountName = 0;
  w.record(id++, (w) => {
    w.fragmentHeader();
    w.inlineTemplate((w) => {
      w.fragmentHeader().open('Holder', true).closeStart().open(account, true).closeEmpty();
      accountName = w.lastName;
      w.end().eof();
    });
    w.values([]);
    w.eof();
  });
  w.record(id++, (w) => {
    w.fragmentHeader();
    w.inlineTemplate((w) => {
      w.fragmentHeader().open('Event', true).closeStart().open(accountName, true).closeStart().substitution(0, STRING).end().end().eof();
    });
    w.values([{ type: STRING, bytes: utf16(user) }]);
    w.eof();
  });
  return w.finish();
}

async function lastRecord(bytes: Uint8Array) {
  const source = memorySource(evtxFile([bytes]), 'templates.evtx');
  const layout = await openEvtx(source);
  const { items, problems } = await readChunk(source, layout, 0, (r) => r);
  expect(problems).toEqual([]);
  const r = items.at(-1) as ParsedRecord;
  return { template: r.template, json: renderJson(r.nodes) };
}

describe('templates shared across chunks', () => {
  it('are found again at another place in another chunk, their names at other offsets', async () => {
    const a = await lastRecord(chunk(0, 'Account', 'alice'));
    const b = await lastRecord(chunk(3, 'Account', 'bob'));
    expect(a.json).toEqual({ Event: { Account: 'alice' } });
    expect(b.json).toEqual({ Event: { Account: 'bob' } });
    expect(a.template).not.toBeNull();
    // The same definition bytes but for its chunk offsets: parsed once, shared.
    expect(b.template).toBe(a.template);
  });

  it('are not shared when a name referred to by offset has another text there', async () => {
    const a = await lastRecord(chunk(1, 'Account', 'alice'));
    // Same lengths, so every byte of the referring definition is the same, offsets included.
    const c = await lastRecord(chunk(1, 'Acc0unt', 'carol'));
    expect(c.json).toEqual({ Event: { Acc0unt: 'carol' } });
    expect(c.template).not.toBe(a.template);
  });

  it('are not shared when an inline name has another text', async () => {
    const first = new ChunkWriter();
    const second = new ChunkWriter();
    for (const [w, name] of [[first, 'Event'], [second, 'Evant']] as const)
      w.record(1, (w) => {
        w.fragmentHeader();
        w.inlineTemplate((w) => w.fragmentHeader().open(name, true).closeStart().substitution(0, STRING).end().eof());
        w.values([{ type: STRING, bytes: utf16('x') }]);
        w.eof();
      });
    const a = await lastRecord(first.finish());
    const b = await lastRecord(second.finish());
    expect(a.json).toEqual({ Event: 'x' });
    expect(b.json).toEqual({ Evant: 'x' });
  });
});
