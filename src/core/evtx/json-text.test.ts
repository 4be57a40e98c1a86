import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJson, renderJsonText, stringifyJson } from '.';
import { jsonString } from './render/json-text';
import { CORPUS, corpusFiles, hasCorpus } from './testing/corpus';
import { readAll } from './testing/read-all';

describe('jsonString', () => {
  it('writes what JSON.stringify writes', () => {
    let seed = 1;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % n;
    for (let i = 0; i < 20000; i++) {
      // ASCII with control characters, quotes and backslashes, and BMP text outside the surrogates.
      const s = String.fromCharCode(...Array.from({ length: i % 24 }, () => (rand(3) ? rand(128) : 0xe000 + rand(0x1000))));
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
});
