import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusFiles, hasCorpus } from './testing/corpus';
import { readAll } from './testing/read-all';

const gz = (path: string) => gunzipSync(readFileSync(join(CORPUS, path))).toString('utf8');

/** The "evtx crate expects" column of the corpus README's table: records the Rust crate's tests read OK. */
function crateExpectations(): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(join(CORPUS, 'README.md'), 'utf8').split('\n')) {
    const m = /^\| `([^`]+\.evtx)`[^|]*\| (\d+) \/ \d+ \|/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

describe.skipIf(!hasCorpus)('damaged logs: recover at least as much as the best other reader', () => {
  it('every evtx-samples file opens, recovers ≥ max(python-evtx, evtxexport, evtx crate) records, and reports what it skips', async () => {
    const files = corpusFiles('evtx-samples', '.evtx');
    const crate = crateExpectations();
    expect(crate.size).toBeGreaterThan(5);
    const rows: string[] = [];
    const shortfalls: string[] = [];
    for (const file of files) {
      const name = basename(file);
      const python = gz(`oracle/python-evtx/${file}.jsonl.gz`).split('\n').filter((l) => l.startsWith('{"record_id"')).length;
      const pythonErrors = gz(`oracle/python-evtx/${file}.jsonl.gz`).split('\n').filter((l) => l.startsWith('{"error"')).length;
      const libevtx = (gz(`oracle/libevtx/${file}.txt.gz`).match(/^Event number/gm) ?? []).length;
      const best = Math.max(python, libevtx, crate.get(name) ?? 0);
      const { items, problems } = await readAll(join(CORPUS, file), (r) => r.recordId, name);
      const skipped = problems.filter((p) => p.kind === 'record-skipped' || p.kind === 'chunk-skipped');
      rows.push(`${name}: ours ${items.length}, python-evtx ${python} (${pythonErrors} errors), evtxexport ${libevtx}, crate ${crate.get(name) ?? '–'}; ${problems.length} problems (${skipped.length} skips)`);
      if (items.length < best) shortfalls.push(`${name}: ${items.length} < ${best}`);
      // Record slots python-evtx met (read or failed) that we did not read must show up as problems.
      if (items.length < python + pythonErrors) expect(skipped.length, `${name} skips reported`).toBeGreaterThan(0);
      for (const p of problems) {
        expect(p.file).toBe(name);
        expect(p.offset).toBeGreaterThanOrEqual(0);
        expect(p.message.length).toBeGreaterThan(0);
      }
    }
    console.log(rows.join('\n'));
    expect(shortfalls).toEqual([]);
  });
});
