import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { hasEvtxMagic, NotEvtxError, openEvtx, readChunks } from '../core/evtx';
import {
  correlateHits,
  createEngine,
  EvtxEventReader,
  isReported,
  jsonEvent,
  loadRuleSet,
  type Placeholders,
  type RuleFile,
  type SigmaEngine,
  type SigmaHit,
} from '../core/sigma';
import { looksLikeEventXml, readEventXml } from '../core/xml';
import { formatProblem } from './dump';
import { nodeFileSource } from './node-source';

export const SCAN_USAGE = `scan --rules DIR… FILE… [--jsonl] [--min-level LEVEL] [--placeholder NAME=VALUE[,VALUE…]]…
                                    run Sigma rules (every .yml under the folders) over EVTX or Event Viewer XML logs`;

const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'];

export interface ScanOptions {
  rules: string[];
  files: string[];
  jsonl: boolean;
  minLevel: string;
  placeholders: Record<string, string[]>;
}

/** Parses `scan`'s arguments; a string is the usage error. */
export function parseScanArgs(argv: readonly string[]): ScanOptions | string {
  const o: ScanOptions = { rules: [], files: [], jsonl: false, minLevel: 'informational', placeholders: {} };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--rules') {
        o.rules.push(value());
        // `--rules A B -- FILE` or `--rules A --rules B`: further folders until a file-looking argument.
        while (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--') && isDirectory(argv[i + 1]!)) o.rules.push(argv[++i]!);
      } else if (a === '--jsonl') o.jsonl = true;
      else if (a === '--min-level') o.minLevel = value();
      else if (a === '--placeholder') {
        const [name, vals] = value().split(/=(.*)/s);
        if (!name || vals === undefined) return '--placeholder needs NAME=VALUE[,VALUE…]';
        (o.placeholders[name.replace(/^%|%$/g, '')] ??= []).push(...vals.split(','));
      } else if (a.startsWith('--')) return `unknown option ${a}`;
      else o.files.push(a);
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (o.rules.length === 0) return 'scan needs --rules DIR';
  if (o.files.length === 0) return 'scan needs at least one log file';
  if (!LEVELS.includes(o.minLevel)) return `--min-level must be one of ${LEVELS.join(', ')}`;
  return o;
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Every .yml/.yaml file under the folders (or the files themselves), sorted. */
export function ruleFiles(paths: readonly string[]): RuleFile[] {
  const out: RuleFile[] = [];
  const walk = (p: string, root: string) => {
    if (isDirectory(p)) {
      for (const name of readdirSync(p).sort()) walk(join(p, name), root);
    } else if (/\.ya?ml$/i.test(p)) out.push({ path: root === p ? p : join(root, relative(root, p)), text: readFileSync(p, 'utf8') });
  };
  for (const p of paths) {
    if (!existsSync(p)) throw new Error(`rules: ${p} does not exist`);
    walk(p, p);
  }
  return out;
}

type Write = (text: string) => Promise<void>;

/**
 * `logonlens scan --rules DIR… FILE…`: loads every rule under the folders, scans the logs (EVTX or
 * Event Viewer XML), and writes one line per hit: JSON with `--jsonl` (rule id, title, level,
 * status, author, rule file, channel, event id, record id, time, computer, matched fields), else
 * tab-separated text. Correlation rules run after the scan. A summary of rules loaded and
 * rejected (with reasons) and of the scan goes to stderr. Returns 0, 1 when a log could not be
 * read, 2 on bad arguments or unreadable rules.
 */
export async function scan(argv: readonly string[], out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const opts = parseScanArgs(argv);
  if (typeof opts === 'string') {
    err.write(`${opts}\nusage: logonlens ${SCAN_USAGE}\n`);
    return 2;
  }
  let files: RuleFile[];
  try {
    files = ruleFiles(opts.rules);
  } catch (e) {
    err.write(`${(e as Error).message}\n`);
    return 2;
  }
  const set = loadRuleSet(files, { placeholders: opts.placeholders as Placeholders });
  const minLevel = LEVELS.indexOf(opts.minLevel);
  set.rules = set.rules.filter((r) => Math.max(0, LEVELS.indexOf(r.meta.level)) >= minLevel || !r.generate);
  const engine = createEngine(set);
  err.write(`rules: ${files.length} files, ${set.rules.length + set.correlations.length} rules loaded (${set.correlations.length} correlation), ${set.rejected.length} rejected, ${engine.inactive.length} not for Windows event logs or waiting for placeholders\n`);
  for (const r of set.rejected) err.write(`  rejected ${r.source}${r.title ? ` (${r.title})` : ''}: ${r.reason}\n`);
  const waiting = engine.inactive.filter((i) => i.rule.unresolvedPlaceholders.length > 0);
  for (const i of waiting) err.write(`  not run ${i.rule.meta.source}: ${i.reason} (--placeholder NAME=VALUE)\n`);

  const write: Write = async (text) => {
    if (text && !out.write(text)) await new Promise((r) => out.once('drain', r));
  };
  const shown = isReported(set);
  const kept: SigmaHit[] = [];
  const keepForCorrelation = set.correlations.length > 0;
  const format = (h: SigmaHit) =>
    opts.jsonl
      ? JSON.stringify(h) + '\n'
      : `${h.time}\t${h.level}\t${h.title}\t${h.computer}\t${h.channel}\t${h.eventId}\t${h.recordId}\t${h.ruleId}\n`;
  let events = 0;
  let hits = 0;
  let failed = 0;
  const t0 = performance.now();
  for (const path of opts.files) {
    let lines = '';
    const onHit = (h: SigmaHit) => {
      if (keepForCorrelation) kept.push(h);
      if (!shown(h)) return;
      hits++;
      lines += format(h);
    };
    const flush = async () => {
      await write(lines);
      lines = '';
    };
    try {
      events += await scanFile(path, engine, onHit, flush, err);
    } catch (e) {
      err.write(e instanceof NotEvtxError ? `${e.message}\n` : `${path}: ${(e as Error).message}\n`);
      failed++;
    }
    await flush();
  }
  let correlations = 0;
  if (keepForCorrelation) {
    for (const c of correlateHits(set, kept)) {
      correlations++;
      if (opts.jsonl) await write(JSON.stringify({ correlation: c.type, ...c, hits: c.hits.map((h) => ({ recordId: h.recordId, channel: h.channel, computer: h.computer, time: h.time })) }) + '\n');
      else await write(`${c.last}\t${c.level}\t${c.title}\t${JSON.stringify(c.group)}\t${c.type}\t${c.value}\t\t${c.ruleId}\n`);
    }
  }
  const s = (performance.now() - t0) / 1000;
  err.write(`scan: ${opts.files.length - failed}/${opts.files.length} logs, ${events} events, ${hits} hits${keepForCorrelation ? `, ${correlations} correlation hits` : ''}, ${s.toFixed(1)} s\n`);
  return failed > 0 ? 1 : 0;
}

async function scanFile(path: string, engine: SigmaEngine, onHit: (h: SigmaHit) => void, flush: () => Promise<void>, err: NodeJS.WritableStream): Promise<number> {
  const source = await nodeFileSource(path);
  let events = 0;
  try {
    const head = await source.read(0, 4096);
    if (hasEvtxMagic(head)) {
      const layout = await openEvtx(source);
      for (const p of layout.problems) err.write(formatProblem(p) + '\n');
      const reader = new EvtxEventReader();
      for (let i = 0; i < layout.blocks; i += 16) {
        for (const outcome of await readChunks(source, layout, i, i + 16, (r) => engine.match(reader.event(r), undefined, onHit))) {
          events += outcome.items.length;
          for (const p of outcome.problems) err.write(formatProblem(p) + '\n');
        }
        await flush();
      }
    } else if (looksLikeEventXml(head)) {
      const { problems } = await readEventXml(source, (json) => {
        events++;
        engine.match(jsonEvent(json), undefined, onHit);
      });
      for (const p of problems) err.write(formatProblem(p) + '\n');
    } else throw new NotEvtxError(source.name, head.length === 0 ? 'the file is empty' : 'it is neither EVTX (no "ElfFile" signature) nor Event Viewer XML');
  } finally {
    await source.close();
  }
  return events;
}
