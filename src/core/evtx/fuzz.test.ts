import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type FuzzFile, runFuzz } from './fuzz';
import { CORPUS, corpusFiles, hasCorpus, NO_CORPUS } from './testing/corpus';
import { exposeGc } from './testing/gc';

// A short, fixed-seed fuzz run for CI; `npm run fuzz -- --minutes 10` is the long one.
const SEED = 20_240_601;
const ITERATIONS = 500;


/** Small clean logs, damaged ones, nested-BinXML ones (sysmon), and a few attack samples. */
function pickFiles(): FuzzFile[] {
  const samples = [
    'Security_short_selected.evtx',
    'MSExchange_Management_wec.evtx',
    'Microsoft-Windows-HelloForBusiness%4Operational.evtx',
    'Application_no_crc32.evtx',
    'sysmon.evtx',
    'sample_with_a_bad_chunk_magic.evtx',
  ].map((n) => join('evtx-samples', n));
  const attacks = corpusFiles('attack-samples', '.evtx').filter((p) => statSync(join(CORPUS, p)).size <= 70_000);
  const picked = [...samples, ...attacks.filter((_, i) => i % Math.max(1, Math.floor(attacks.length / 4)) === 0).slice(0, 4)];
  return picked.flatMap((p) => {
    try {
      return [{ name: basename(p), bytes: new Uint8Array(readFileSync(join(CORPUS, p))) }];
    } catch {
      return []; // part of the corpus is held back: use what is there
    }
  });
}

describe.skipIf(!hasCorpus)('fuzzing the EVTX parser with mutated corpus files', () => {
  it(`survives ${ITERATIONS} mutated inputs: no exception escapes, no chunk hangs, heap stays bounded`, async () => {
    const files = pickFiles();
    expect(files.length).toBeGreaterThanOrEqual(6);
    const gc = exposeGc();
    const summary = await runFuzz({ seed: SEED, iterations: ITERATIONS, files, gc, heapEvery: 50 });
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
    const heap = summary.heap.samples;
    console.log(
      `fuzz: seed ${SEED}, ${summary.inputs} inputs from ${files.length} files; ${summary.withProblems} with problems, ` +
        `${summary.notEvtx} not EVTX; ${summary.records} records rendered, ${summary.skippedRecords} skipped; ` +
        `max chunk ${summary.maxChunkMs.toFixed(1)} ms; heap ${heap.map(mb).join(' → ')} (${gc ? 'after GC' : 'no GC'})`,
    );
    for (const f of summary.failures.slice(0, 3))
      console.log(`failure: case seed ${f.seed} (${f.file}), ${f.steps.join('; ')}\n${f.outcome.failures.join('\n')}`);

    expect(summary.inputs).toBe(ITERATIONS);
    expect(summary.failed).toBe(0);
    // A hang detector, not a speed test: a real chunk takes a few milliseconds.
    expect(summary.maxChunkMs).toBeLessThan(1000);
    // Caches are bounded (shared templates, field plans): what is left after the run must be small.
    // Measured: ~6 MB; the unbounded field-plan cache this caught left ~43 MB.
    const growth = heap[heap.length - 1]! - heap[0]!;
    expect(growth).toBeLessThan(gc ? 24 * 2 ** 20 : 512 * 2 ** 20);
  });
});

// Says why in the report when the corpus is absent, rather than passing silently.
if (!hasCorpus) console.warn(`fuzz.test.ts: ${NO_CORPUS}`);
