import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteSink, renderJson, renderJsonText, stringifyJson, writeJsonRecord } from '.';
import { jsonString } from './render/json-text';
import { CORPUS, corpusFiles, hasCorpus } from './testing/corpus';
import { readAll } from './testing/read-all';

describe('jsonString', () => {
  it('writes what JSON.stringify writes', () => {
    let seed = 1;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    for (let i = 0; i < 20000; i++) {
      // ASCII with control characters, quotes and backslashes, BMP text, and surrogates paired or not.
      const s = String.fromCharCode(...Array.from({ length: i % 24 }, () => (rand(3) ? rand(128) : rand(2) ? 0xe000 + rand(0x1000) : 0xd800 + rand(0x800))));
      expect(jsonString(s)).toBe(JSON.stringify(s));
    }
  });
});

// The text writer and the object renderer implement evtx_dump's rules twice; they must agree.
describe.skipIf(!hasCorpus)('renderJsonText', () => {
  it('equals stringifyJson(renderJson()) on every corpus record', async () => {
    const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx'), ...corpusFiles('sigma-regression', '.evtx')];
    let records = 0;
    const different: string[] = [];
    for (const file of files) {
      const { items } = await readAll(join(CORPUS, file), (r) => [r.recordId, renderJsonText(r.nodes), stringifyJson(renderJson(r.nodes))] as const);
      for (const [id, text, viaObjects] of items) {
        records++;
        if (text !== viaObjects) different.push(`${file} record ${id}`);
      }
    }
    console.log(`json text: ${records} records, ${different.length} different`);
    expect(different).toEqual([]);
  });

  it('gives the same text for records written one after another into one buffer, as dump writes them', async () => {
    // Records then copy what did not change from the last record of their shape (render/json-program-run.ts).
    const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx'), ...corpusFiles('sigma-regression', '.evtx')];
    const lines = new ByteSink();
    const utf8 = new TextDecoder();
    let records = 0;
    const different: string[] = [];
    for (const file of files) {
      const { items } = await readAll(join(CORPUS, file), (r) => {
        // Emptied now and then, as dump does after each run of chunks.
        if (lines.length > 1 << 16) lines.clear();
        const at = lines.length;
        writeJsonRecord(r.nodes, lines);
        return [r.recordId, utf8.decode(lines.bytes.subarray(at, lines.length)), renderJsonText(r.nodes)] as const;
      });
      for (const [id, line, alone] of items) {
        records++;
        if (line !== alone) different.push(`${file} record ${id}`);
      }
    }
    console.log(`json lines: ${records} records, ${different.length} different`);
    expect(different).toEqual([]);
  });
});
