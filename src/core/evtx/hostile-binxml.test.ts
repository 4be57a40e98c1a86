import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EvtxFormatError, memorySource, openEvtx, readChunk, readFields, recordRow, renderJson, renderJsonText, renderXml, stringifyJson } from '.';
import { RenderLimitError } from './render/budget';
import { ChunkWriter, evtxFile } from './testing/evtx-writer';

// BinXML written by hand to attack recursion and expansion: each must end as reported problems,
// quickly, never as a stack overflow, a hang or gigabytes of output.

const BINXML = 0x21;
const STRING = 0x01;

/** Reads chunk 0 rendering every record every way; an exception that is not reported damage is collected. */
async function readHostile(w: ChunkWriter) {
  const source = memorySource(evtxFile([w.finish()]), 'hostile.evtx');
  const layout = await openEvtx(source);
  const unexpected: unknown[] = [];
  const started = performance.now();
  const outcome = await readChunk(source, layout, 0, (r) => {
    try {
      const size = stringifyJson(renderJson(r.nodes)).length + renderJsonText(r.nodes).length + renderXml(r.nodes).length;
      readFields(r.nodes, ['System.EventID', 'X']);
      recordRow(r);
      return size;
    } catch (e) {
      if (!(e instanceof EvtxFormatError || e instanceof RenderLimitError)) unexpected.push(e);
      throw e;
    }
  });
  const messages = outcome.problems.map((p) => p.message);
  return { ...outcome, messages, unexpected, ms: performance.now() - started };
}

/** A record holding one inline template definition written by `body`, instantiated with no values. */
function withTemplate(w: ChunkWriter, body: (w: ChunkWriter, def: number) => void): number {
  let def = 0;
  w.record(1, (w) => {
    w.fragmentHeader();
    def = w.inlineTemplate(body);
    w.values([]);
    w.eof();
  });
  return def;
}

/** Levels of BinXML values each holding an instance of `def` whose value 0 is the next level (innermost first in bytes). */
function nestedValues(w: ChunkWriter, def: number, depth: number): void {
  // Level k is an instance (10 bytes), a count and one descriptor (8), then level k-1; level 0 has no values.
  for (let k = depth; k >= 1; k--) w.instanceOf(def).u32(1).u16(14 + 18 * (k - 1)).u8(BINXML).u8(0);
  w.instanceOf(def).u32(0);
}

describe('hostile BinXML', () => {
  it('elements nested 3,000 deep', async () => {
    const w = new ChunkWriter();
    w.record(1, (w) => {
      w.fragmentHeader().open('E').closeStart();
      // Every further element refers to the name written inline by the first.
      for (let i = 0; i < 3000; i++) w.open(w.lastName).closeStart();
      for (let i = 0; i <= 3000; i++) w.end();
      w.eof();
    });
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.skippedRecords).toBe(1);
    expect(r.messages.join()).toContain('nested too deeply');
  });

  it('a template whose definition instantiates itself', async () => {
    const w = new ChunkWriter();
    withTemplate(w, (w, def) => w.fragmentHeader().open('E', true).closeStart().instanceOf(def).u32(0).end().eof());
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.messages.join()).toContain('nest recursively');
  });

  it('BinXML values nested 2,500 deep', async () => {
    const w = new ChunkWriter();
    w.record(1, (w) => {
      w.fragmentHeader();
      const def = w.inlineTemplate((w) => w.fragmentHeader().open('E', true).closeStart().substitution(0, BINXML).end().eof());
      w.values([]);
      nestedValues(w, def, 2500);
      w.eof();
    });
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.messages.join()).toContain('nested too deeply in values');
  });

  it('a value that instantiates the template holding it (a cycle through values)', async () => {
    const w = new ChunkWriter();
    // T = <E> instance of U, whose value 0 is BinXML instantiating T </E>; U = <F>{0}</F>.
    withTemplate(w, (w, t) => {
      w.fragmentHeader().open('E', true).closeStart();
      w.inlineTemplate((w) => w.fragmentHeader().open('F', true).closeStart().substitution(0, BINXML).end().eof());
      w.values([{ type: BINXML, bytes: (w) => void w.instanceOf(t).u32(0) }]);
      w.end().eof();
    });
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.skippedRecords).toBe(1);
    expect(r.messages.join()).toMatch(/levels deep|nested too deeply/);
  });

  it('a substitution count of 0xffffffff', async () => {
    const w = new ChunkWriter();
    w.record(1, (w) => {
      w.fragmentHeader();
      w.inlineTemplate((w) => w.fragmentHeader().open('E', true).closeEmpty().eof());
      w.values([], 0xffffffff);
      w.eof();
    });
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.messages.join()).toContain('cannot fit');
  });

  it('name offsets pointing at themselves, at their element, and past the chunk', async () => {
    const w = new ChunkWriter();
    w.record(1, (w) => w.fragmentHeader().u8(0x01).u32(0).nameRef(w.at).closeEmpty().eof());
    w.record(2, (w) => w.fragmentHeader().u8(0x01).u32(0).nameRef(w.at - 5).closeEmpty().eof());
    w.record(3, (w) => w.fragmentHeader().u8(0x01).u32(0).nameRef(0xfffffff0).closeEmpty().eof());
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.records + r.skippedRecords).toBe(3);
    expect(r.messages.join()).toContain('out of chunk');
  });

  it('templates instantiating templates tenfold, eight deep (10^8 elements from ~1 KB)', async () => {
    const w = new ChunkWriter();
    w.record(1, (w) => {
      w.fragmentHeader();
      let t = w.inlineTemplate((w) => w.fragmentHeader().open('E', true).closeEmpty().eof());
      w.values([]);
      for (let k = 1; k <= 8; k++) {
        const inner = t;
        t = w.inlineTemplate((w) => {
          w.fragmentHeader().open('E', true).closeStart();
          for (let i = 0; i < 10; i++) w.instanceOf(inner).u32(0);
          w.end().eof();
        });
        w.values([]);
      }
      w.eof();
    });
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.messages.join()).toContain('more than 65536 nodes');
    expect(r.ms).toBeLessThan(1000);
  });

  it('one BinXML value referenced 20 times per level, seven levels deep (20^7)', async () => {
    const w = new ChunkWriter();
    w.record(1, (w) => {
      w.fragmentHeader();
      const def = w.inlineTemplate((w) => {
        w.fragmentHeader().open('E', true).closeStart();
        for (let i = 0; i < 20; i++) w.substitution(0, BINXML);
        w.end().eof();
      });
      w.values([]);
      nestedValues(w, def, 7);
      w.eof();
    });
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.messages.join()).toContain('more than 65536 nodes');
    expect(r.ms).toBeLessThan(1000);
  });

  it('a chunk of 1,300 tiny records all instantiating one exponential template', async () => {
    const w = new ChunkWriter();
    let top = 0;
    w.record(1, (w) => {
      w.fragmentHeader();
      top = w.inlineTemplate((w) => w.fragmentHeader().open('E', true).closeEmpty().eof());
      w.values([]);
      for (let k = 1; k <= 8; k++) {
        const inner = top;
        top = w.inlineTemplate((w) => {
          w.fragmentHeader().open('E', true).closeStart();
          for (let i = 0; i < 10; i++) w.instanceOf(inner).u32(0);
          w.end().eof();
        });
        w.values([]);
      }
      w.eof();
    });
    for (let id = 2; w.at + 60 < 65536; id++) w.record(id, (w) => void w.fragmentHeader().instanceOf(top).u32(0).eof());
    const r = await readHostile(w);
    console.log(`exponential chunk: ${r.skippedRecords} records skipped in ${r.ms.toFixed(0)} ms`);
    expect(r.unexpected).toEqual([]);
    expect(r.skippedRecords).toBeGreaterThan(1300);
    expect(r.messages.some((m) => m.includes('chunk renders more than'))).toBe(true);
    expect(r.ms).toBeLessThan(2000); // 11 s before the per-chunk allowance
  });

  it('a record of 10 million characters, instantiated by every record of a chunk (compiled JSON writer)', async () => {
    const w = new ChunkWriter();
    let top = 0;
    w.record(1, (w) => {
      w.fragmentHeader();
      // 10^4 elements with a 1,000-character name: under the per-record limits, so its JSON program is compiled once.
      top = w.inlineTemplate((w) => w.fragmentHeader().open('N'.repeat(1000), true).closeEmpty().eof());
      w.values([]);
      for (let k = 1; k <= 4; k++) {
        const inner = top;
        top = w.inlineTemplate((w) => {
          w.fragmentHeader().open('E', true).closeStart();
          for (let i = 0; i < 10; i++) w.instanceOf(inner).u32(0);
          w.end().eof();
        });
        w.values([]);
      }
      w.eof();
    });
    for (let id = 2; w.at + 60 < 65536; id++) w.record(id, (w) => void w.fragmentHeader().instanceOf(top).u32(0).eof());
    const source = memorySource(evtxFile([w.finish()]), 'compiled.evtx');
    const chunk = await readChunk(source, await openEvtx(source), 0, (r) => renderJsonText(r.nodes).length);
    const total = chunk.items.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(2 ** 28); // 13 billion characters before replays were charged to the chunk
    expect(chunk.problems.some((p) => p.message.includes('chunk renders more than'))).toBe(true);
  });

  it('a 10,000-character value referenced 6,000 times, by every record of a chunk', async () => {
    const w = new ChunkWriter();
    let t = 0;
    w.record(1, (w) => {
      w.fragmentHeader();
      t = w.inlineTemplate((w) => {
        w.fragmentHeader().open('E', true).closeStart();
        w.inlineTemplate((w) => {
          w.fragmentHeader().open('F', true).closeStart();
          for (let i = 0; i < 6000; i++) w.substitution(0, STRING);
          w.end().eof();
        });
        w.values([{ type: STRING, bytes: new Uint8Array(20_000).map((_, i) => (i % 2 ? 0 : 0x41)) }]);
        w.end().eof();
      });
      w.values([]);
      w.eof();
    });
    for (let id = 2; w.at + 60 < 65536; id++) w.record(id, (w) => void w.fragmentHeader().instanceOf(t).u32(0).eof());
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.messages.join()).toContain('characters');
    expect(r.ms).toBeLessThan(2000);
  });

  it('6,000 sibling elements with one name (suffixes _1…_5999 in linear time)', async () => {
    const w = new ChunkWriter();
    w.record(1, (w) => {
      w.fragmentHeader().open('E').closeStart().open('D').closeEmpty();
      const name = w.lastName;
      for (let i = 1; i < 6000; i++) w.open(name).closeEmpty();
      w.end().eof();
    });
    const r = await readHostile(w);
    expect(r.unexpected).toEqual([]);
    expect(r.records).toBe(1);
    const source = memorySource(evtxFile([w.finish()]), 'siblings.evtx');
    const chunk = await readChunk(source, await openEvtx(source), 0, (rec) => renderJson(rec.nodes));
    const keys = Object.keys((chunk.items[0]!['E'] ?? {}) as object);
    expect(keys).toHaveLength(6000);
    expect(keys.at(-1)).toBe('D_5999');
    expect(r.ms).toBeLessThan(1000); // 3.5 s when each suffix was searched from _1
  });

  it('a distinct 62 KB template in each of 300 chunks: what the shared-template cache keeps stays bounded', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const chunks = Array.from({ length: 300 }, (_, c) => {
      const w = new ChunkWriter();
      withTemplate(w, (w) => {
        w.fragmentHeader().open(`E${c}`, true).closeStart();
        const name = w.lastName;
        for (let i = 0; i < 5200; i++) w.open(name, true).closeEmpty();
        w.end().eof();
      });
      return w.finish();
    });
    const source = memorySource(evtxFile(chunks), 'big-templates.evtx');
    const layout = await openEvtx(source);
    gc();
    const before = getHeapStatistics().used_heap_size;
    for (let i = 0; i < layout.blocks; i++) await readChunk(source, layout, i, (r) => r.recordId);
    gc();
    const retained = getHeapStatistics().used_heap_size - before;
    console.log(`300 chunks of distinct large templates: ${(retained / 2 ** 20).toFixed(0)} MB retained after GC`);
    expect(retained).toBeLessThan(150 * 2 ** 20); // 408 MB (1.4 MB a chunk, growing with the file) before the byte bound
  });

  it('60 chunks whose flat templates compile to 4.5 M characters of JSON each: compiled programs stay bounded', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const chunks = Array.from({ length: 60 }, (_, c) => {
      const w = new ChunkWriter();
      withTemplate(w, (w) => {
        w.fragmentHeader().open('Event', true).closeStart().open(`${c}`.padEnd(1000, 'N'), true).closeEmpty();
        const name = w.lastName;
        for (let i = 0; i < 4500; i++) w.open(name, true).closeEmpty();
        w.end().eof();
      });
      return w.finish();
    });
    const source = memorySource(evtxFile(chunks), 'flat-templates.evtx');
    const layout = await openEvtx(source);
    gc();
    const before = getHeapStatistics().used_heap_size;
    for (let i = 0; i < layout.blocks; i++) await readChunk(source, layout, i, (r) => renderJsonText(r.nodes).length);
    gc();
    const retained = getHeapStatistics().used_heap_size - before;
    console.log(`60 chunks of flat templates with huge JSON: heap change after GC ${(retained / 2 ** 20).toFixed(0)} MB (negative when earlier cache entries were evicted)`);
    expect(retained).toBeLessThan(160 * 2 ** 20); // 332 MB when every compiled program was kept
  });
});
