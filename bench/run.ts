// `npm run bench`: EVTX parsing speed and memory, ours against the reference parsers, in one run.
// A benchmark, not a test: on this shared machine absolute numbers are noise; the ratios, measured
// back to back on the same file, are what to read.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { buildBigLog } from './big-log';

const OUT = join(import.meta.dirname, 'out');
const SOURCE = join(import.meta.dirname, '../../shared/corpus/evtx-samples/security.evtx');
const GiB = 2 ** 30;
const sizeArg = process.argv.find((a) => a.startsWith('--gib='));
const BIG = Number(sizeArg?.slice(6) ?? 1) * GiB;

if (!existsSync(SOURCE)) {
  console.log(`bench: ${SOURCE} not found (the shared corpus); nothing to measure`);
  process.exit(0);
}
mkdirSync(OUT, { recursive: true });

interface Measure {
  what: string;
  bytes: number;
  records?: number;
  seconds: number;
  /** CPU seconds (user + sys): ours for the parse alone, a tool's for its whole process. */
  cpuSeconds?: number;
  maxRssMiB?: number;
}
const results: Measure[] = [];
const mb = (m: Measure) => m.bytes / 1e6 / m.seconds;

/** `jsCrc`: records checksums with the JS tables, as in a browser worker, not Node's zlib.crc32 (the CLI's). */
function ours(file: string, bytes: number, mode: 'full' | 'fast', workers: number, checksums = true, jsCrc = false): Measure {
  const args = [join(import.meta.dirname, 'parse-file.ts'), file, mode, String(workers), ...(checksums ? [] : ['--no-checksums']), ...(jsCrc ? ['--js-crc'] : [])];
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`parse-file failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout.trim().split('\n').pop()!) as { records: number; seconds: number; cpuSeconds: number; maxRssMiB: number };
  const crc = !checksums ? ', records checksum off (as evtx_dump)' : jsCrc ? ', records checksum in JS (as in a browser)' : '';
  const what = `LogonLens ${mode === 'full' ? 'full records (JSON)' : 'fast path (logon fields)'}, ${workers} worker${workers > 1 ? 's' : ''}${crc}`;
  const m = { what, bytes, ...j };
  results.push(m);
  console.log(line(m));
  return m;
}

/** Runs a reference tool with stdout to /dev/null; peak memory from GNU time when present. */
function tool(what: string, bytes: number, cmd: string, args: string[]): Measure | null {
  const which = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  if (which.status !== 0) {
    console.log(`${what}: ${cmd} not installed, skipped`);
    return null;
  }
  const timed = existsSync('/usr/bin/time');
  const devnull = openSync('/dev/null', 'w');
  const t0 = performance.now();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', '%M %U %S', cmd, ...args], { stdio: ['ignore', devnull, 'pipe'], encoding: 'utf8' })
    : spawnSync(cmd, args, { stdio: ['ignore', devnull, 'ignore'] });
  const seconds = (performance.now() - t0) / 1000;
  closeSync(devnull);
  const [kib, user, sys] = timed ? String(r.stderr).trim().split('\n').pop()!.split(' ').map(Number) : [];
  const m: Measure = { what, bytes, seconds, ...(kib ? { maxRssMiB: kib / 1024, cpuSeconds: user! + sys! } : {}) };
  results.push(m);
  console.log(line(m));
  return m;
}

function line(m: Measure): string {
  const rate = m.records ? `, ${Math.round(m.records / m.seconds / 1000)}k records/s` : '';
  const mem = m.maxRssMiB ? `, peak RSS ${m.maxRssMiB.toFixed(0)} MiB` : '';
  const cpu = m.cpuSeconds ? ` (CPU ${m.cpuSeconds.toFixed(2)} s)` : '';
  return `${m.what}: ${(m.bytes / 1e6).toFixed(0)} MB in ${m.seconds.toFixed(2)} s${cpu} = ${mb(m).toFixed(1)} MB/s${rate}${mem}`;
}

/** The first `bytes` of a file, as a valid smaller log (header + whole chunks; the header's count is not needed). */
function slice(file: string, target: string, bytes: number): number {
  const buf = Buffer.alloc(bytes);
  const fd = openSync(file, 'r');
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  writeFileSync(target, buf.subarray(0, n));
  return n;
}

const workers = availableParallelism();
const big = buildBigLog(SOURCE, join(OUT, `security-${BIG / GiB}g.evtx`), BIG);
const bigFile = join(OUT, `security-${BIG / GiB}g.evtx`);
console.log(`input: ${bigFile}, ${big.chunks} chunks of security.evtx repeated, ${(big.bytes / 1e6).toFixed(0)} MB; ${workers} cores\n`);

const fast1 = ours(bigFile, big.bytes, 'fast', 1);
const full1 = ours(bigFile, big.bytes, 'full', 1);
ours(bigFile, big.bytes, 'fast', workers);
ours(bigFile, big.bytes, 'full', workers);
// evtx_dump does not verify record checksums unless asked (ParserSettings::validate_checksums is
// false by default); we do by default. The same parse without them, for a like-for-like ratio:
const fastNoCrc = ours(bigFile, big.bytes, 'fast', 1, false);
const fullNoCrc = ours(bigFile, big.bytes, 'full', 1, false);
// Node has a native CRC-32 (the CLI uses it); a browser worker computes it in JS:
const fastJsCrc = ours(bigFile, big.bytes, 'fast', 1, true, true);
const fullJsCrc = ours(bigFile, big.bytes, 'full', 1, true, true);
const ref = tool('evtx_dump -t 1 -o jsonl (Rust evtx crate)', big.bytes, 'evtx_dump', ['-t', '1', '-o', 'jsonl', bigFile]);

// The slower references get a slice, long enough to time, short enough to wait for.
const libevtxFile = join(OUT, 'slice-64m.evtx');
const libevtxBytes = slice(bigFile, libevtxFile, 4096 + 1024 * 65536);
const libevtx = tool('evtxexport (libevtx), 64 MiB slice', libevtxBytes, 'evtxexport', [libevtxFile]);
const pyFile = join(OUT, 'slice-4m.evtx');
const pyBytes = slice(bigFile, pyFile, 4096 + 64 * 65536);
const python = tool('python-evtx evtx_dump.py, 4 MiB slice', pyBytes, 'evtx_dump.py', [pyFile]);

// Peak memory against file size: the same parse on a quarter of the file.
const quarterFile = join(OUT, 'security-quarter.evtx');
const quarter = buildBigLog(SOURCE, quarterFile, BIG / 4);
const fastQuarter = ours(quarterFile, quarter.bytes, 'fast', 1);

// Wall-clock ratios move with whatever else runs on a shared machine; CPU-time ratios (reference CPU
// per MB ÷ ours) much less, so both are printed. Ours is the parse alone; a tool's is its process.
const cpuRatio = (m: Measure, r: Measure) => (m.cpuSeconds && r.cpuSeconds ? `, CPU time ${(r.cpuSeconds / r.bytes / (m.cpuSeconds / m.bytes)).toFixed(2)}×` : '');
const ratio = (m: Measure, r: Measure) => `${(mb(m) / mb(r)).toFixed(2)}× wall${cpuRatio(m, r)}`;
console.log('\nratios (LogonLens ÷ reference, speed per MB, same machine, same run; above 1× is faster):');
for (const r of [ref, libevtx, python]) {
  if (!r) continue;
  console.log(`  vs ${r.what}: fast path ${ratio(fast1, r)}; full records ${ratio(full1, r)} (1 worker each)`);
  if (r === ref) {
    console.log(`    records checksum in JS, as in a browser worker: fast path ${ratio(fastJsCrc, r)}; full records ${ratio(fullJsCrc, r)}`);
    console.log(`    without record checksums, as evtx_dump: fast path ${ratio(fastNoCrc, r)}; full records ${ratio(fullNoCrc, r)}`);
  }
}
console.log(
  `peak RSS of the fast path: ${fastQuarter.maxRssMiB!.toFixed(0)} MiB on ${(quarter.bytes / 1e6).toFixed(0)} MB, ${fast1.maxRssMiB!.toFixed(0)} MiB on ${(big.bytes / 1e6).toFixed(0)} MB`,
);
// The synthetic-log generator and EVTX writer, streaming a large log (issue: 5 GB with flat memory).
const genArg = process.argv.find((a) => a.startsWith('--gen-gib='));
const genGiB = Number(genArg?.slice(10) ?? 5);
const gen = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'generate.ts'), String(genGiB)], { encoding: 'utf8' });
if (gen.status === 0) {
  const g = JSON.parse(gen.stdout.trim().split('\n').pop()!) as { records: number; bytes: number; seconds: number; rssMiB: [number, number] };
  console.log(
    `\ngenerate + write EVTX (to a counting sink): ${(g.bytes / 1e6).toFixed(0)} MB, ${g.records} records in ${g.seconds.toFixed(1)} s = ${(g.bytes / 1e6 / g.seconds).toFixed(1)} MB/s; RSS ${g.rssMiB[0].toFixed(0)}–${g.rssMiB[1].toFixed(0)} MiB along the way`,
  );
} else console.log(`generate bench failed: ${gen.stderr}`);
writeFileSync(join(OUT, 'evtx-bench.json'), JSON.stringify(results, null, 2));

// The logon analysis (issue 3): a million and five million logon events through every stage, in a
// fresh process each; then a 1 GB log from file to a persisted, ranked case in Chromium.
console.log('\nlogon analysis, per stage (time, heap after the stage, peak RSS):');
const oneGig = join(OUT, 'logons-1g.evtx');
for (const arg of ['1000000', '5000000', oneGig]) {
  if (arg.endsWith('.evtx') && !existsSync(arg)) continue;
  const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8000', '--import', 'tsx', join(import.meta.dirname, 'analysis.ts'), arg], { encoding: 'utf8' });
  if (r.status !== 0) {
    console.log(`  analysis ${arg} failed: ${r.stderr}`);
    continue;
  }
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = lines.pop()!;
  console.log(`  ${arg.endsWith('.evtx') ? arg : `${arg} logon events in the log`}: ${JSON.stringify(summary)}`);
  for (const s of lines) console.log(`    ${String(s['stage']).padEnd(44)} ${Number(s['seconds']).toFixed(2).padStart(7)} s  heap ${s['heapMiB']} MiB  peak RSS ${s['maxRssMiB']} MiB`);
  if (arg === '1000000') {
    // A 1 GiB slice of the million-event log (its header still names the whole file: the missing chunks
    // are past the end and read as absent) for the browser run.
    if (!existsSync(oneGig) && existsSync(join(OUT, 'logons-1000000.evtx'))) slice(join(OUT, 'logons-1000000.evtx'), oneGig, 4096 + 16384 * 65536);
  }
}
if (existsSync(oneGig)) {
  spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  const b = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'case-browser.ts'), oneGig], { encoding: 'utf8' });
  console.log(`\n1 GB log → persisted, ranked case in Chromium: ${b.status === 0 ? b.stdout.trim() : `failed: ${b.stderr}`}`);
}

// Sigma: every SigmaHQ rule over the big log in worker threads, against the parse alone (bench/sigma.ts).
{
  const sigma = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'sigma.ts'), bigFile, '--workers', String(Math.min(2, availableParallelism())), '--json'], { encoding: 'utf8' });
  if (sigma.status === 0) {
    const lines = sigma.stdout.trim().split('\n');
    console.log(`\n${lines.slice(0, -1).join('\n')}`);
    writeFileSync(join(OUT, 'sigma-bench.json'), lines[lines.length - 1]!);
  } else console.log(`\nsigma bench failed: ${sigma.stderr}`);
}

// Neo4j: a case of one million Event edges pushed to the launcher's Neo4j (needs a JDK and Maven).
{
  const java = spawnSync('sh', ['-c', 'command -v java && command -v mvn'], { encoding: 'utf8' });
  if (java.status !== 0) console.log('\nneo4j push bench: java or mvn missing, skipped');
  else {
    const push = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'neo4j-push.ts')], { encoding: 'utf8' });
    console.log(`\nneo4j push, one million edges:\n${push.status === 0 ? push.stdout.trim() : `failed: ${push.stderr}`}`);
  }
}

// The graph view at scale (~11k nodes, 40k edges) in headless Chromium: first render, pan/zoom frame
// rates per renderer, search, force layout (bench/graph-browser.ts; it builds on the `vite build` above).
{
  if (!existsSync(join(import.meta.dirname, '..', 'dist', 'index.html'))) spawnSync('npx', ['vite', 'build'], { stdio: 'ignore' });
  const g = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'graph-browser.ts')], { encoding: 'utf8' });
  if (g.status === 0) {
    const line = g.stdout.trim().split('\n').pop()!;
    console.log(`\ngraph view, 10k nodes / 40k edges in Chromium: ${line}`);
    writeFileSync(join(OUT, 'graph-bench.json'), line);
  } else console.log(`\ngraph bench failed: ${g.stderr}`);
}
