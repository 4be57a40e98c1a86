import { type ByteSource, hasEvtxMagic, type JsonObject, NotEvtxError, openEvtx, readChunks, stringifyJson } from '../evtx';
import { looksLikeEventXml, readEventXml } from '../xml';
import type { CompiledRule } from './compile';
import type { CorrelationHit } from './correlation';
import type { SigmaEngine, SigmaHit } from './engine';
import { EvtxEventReader, jsonEvent } from './event';
import { type RuleFile, type RuleSet, correlateHits, createEngine, isReported, loadRuleSet } from './ruleset';

/** Sigma levels, lowest first. */
export const SIGMA_LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
/** Sigma statuses (the specification's list). */
export const SIGMA_STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;

export const levelRank = (level: string): number => Math.max(0, SIGMA_LEVELS.indexOf(level.toLowerCase() as (typeof SIGMA_LEVELS)[number]));

export interface RuleChoice {
  /** Lowest level run (default: every level). */
  minLevel?: string;
  /** Statuses run (default: every status; a rule without one counts as "experimental"). */
  statuses?: readonly string[];
}

/**
 * Keeps the rules of a set that the choice asks for. Rules a correlation consumes are kept whatever
 * their level (they are inputs: their own hits are hidden), and a correlation is judged by its own
 * level and status.
 */
export function chooseRules(set: RuleSet, choice: RuleChoice): RuleSet {
  const min = choice.minLevel ? levelRank(choice.minLevel) : 0;
  const statuses = choice.statuses ? new Set(choice.statuses.map((s) => s.toLowerCase())) : null;
  const wanted = (m: { level: string; status: string }) => levelRank(m.level) >= min && (!statuses || statuses.has((m.status || 'experimental').toLowerCase()));
  const correlations = set.correlations.filter((c) => wanted(c.meta));
  const inputs = new Set(correlations.flatMap((c) => c.rules));
  const isInput = (r: CompiledRule) => inputs.has(r.meta.id) || (r.meta.name !== undefined && inputs.has(r.meta.name));
  // A rule that only feeds correlations (generate false) runs when one of them does, never on its own.
  const rules = set.rules.filter((r) => isInput(r) || (r.generate && wanted(r.meta)));
  return { rules, correlations, rejected: set.rejected };
}

/** A hit with where it came from and, for the first hits of a scan, the raw event. */
export interface ScanHit extends SigmaHit {
  /** The log file's name. */
  file: string;
  /** The event as evtx_dump-style JSON text (kept for at most `rawLimit` hits). */
  raw?: string;
}

export interface ScanCorrelationHit extends Omit<CorrelationHit, 'hits'> {
  /** The hits counted (at most 50), as (file, record id, computer, time). */
  events: { file: string; recordId: number; computer: string; time: string; fields: Record<string, string> }[];
  eventCount: number;
}

export interface ScanOptions {
  signal?: AbortSignal;
  /** Called every few chunks (EVTX) or records (XML) with the bytes read so far of this source. */
  onProgress?: (bytesDone: number, events: number) => void;
  /** Raw events kept with hits, over the whole scan (default 2,000). */
  rawLimit?: number;
}

/** How many hits a stored scan keeps (reported ones; the rest are counted). */
export const HIT_LIMIT = 100_000;

/**
 * Runs an engine over one log (EVTX through the full parser record, or Event Viewer XML), calling
 * `onHit` for every hit with the raw event available through `raw()` while the hit is current.
 */
export async function scanSource(
  source: ByteSource,
  engine: SigmaEngine,
  onHit: (hit: SigmaHit, raw: () => JsonObject) => void,
  opts: ScanOptions = {},
): Promise<{ events: number; problems: number }> {
  const head = await source.read(0, 4096);
  let events = 0;
  let problems = 0;
  if (hasEvtxMagic(head)) {
    const layout = await openEvtx(source);
    problems += layout.problems.length;
    const reader = new EvtxEventReader();
    const raw = () => reader.rawJson();
    const hit = (h: SigmaHit) => onHit(h, raw);
    const STEP = 16;
    for (let i = 0; i < layout.blocks; i += STEP) {
      opts.signal?.throwIfAborted();
      for (const o of await readChunks(source, layout, i, Math.min(layout.blocks, i + STEP), (r) => engine.match(reader.event(r), undefined, hit))) {
        events += o.items.length;
        problems += o.problems.length;
      }
      opts.onProgress?.(Math.min(source.size, 4096 + (i + STEP) * 65536), events);
    }
  } else if (looksLikeEventXml(head)) {
    let last = 0;
    const r = await readEventXml(
      source,
      (json, _index, offset) => {
        events++;
        engine.match(jsonEvent(json), undefined, (h) => onHit(h, () => json));
        if (events - last >= 2000) {
          last = events;
          opts.onProgress?.(offset, events);
        }
      },
      opts.signal,
    );
    problems += r.problems.length;
  } else throw new NotEvtxError(source.name, head.length === 0 ? 'the file is empty' : 'it is neither EVTX (no "ElfFile" signature) nor Event Viewer XML');
  opts.onProgress?.(source.size, events);
  return { events, problems };
}

export interface ScanSummary {
  files: { name: string; size: number; events: number; problems: number; hits: number }[];
  events: number;
  /** Reported hits (including those past HIT_LIMIT, which are not kept). */
  hitCount: number;
  hits: ScanHit[];
  correlations: ScanCorrelationHit[];
  ms: number;
}

/** Scans several logs with a rule set: base hits (reported ones kept), then the correlation step. */
export async function scanSources(sources: readonly ByteSource[], set: RuleSet, opts: ScanOptions & { onFile?: (index: number) => void; now?: () => number } = {}): Promise<ScanSummary> {
  const now = opts.now ?? (() => performance.now());
  const t0 = now();
  const engine = createEngine(set);
  const shown = isReported(set);
  const forCorrelation: SigmaHit[] = [];
  const hidden = new Map<SigmaHit, string>();
  const keep = set.correlations.length > 0;
  const rawLimit = opts.rawLimit ?? 2000;
  const out: ScanSummary = { files: [], events: 0, hitCount: 0, hits: [], correlations: [], ms: 0 };
  for (const [i, source] of sources.entries()) {
    opts.onFile?.(i);
    const file = { name: source.name, size: source.size, events: 0, problems: 0, hits: 0 };
    const r = await scanSource(
      source,
      engine,
      (h, raw) => {
        if (keep) {
          forCorrelation.push(h);
          hidden.set(h, source.name);
        }
        if (!shown(h)) return;
        file.hits++;
        out.hitCount++;
        if (out.hits.length >= HIT_LIMIT) return;
        const hit: ScanHit = { ...h, file: source.name };
        if (out.hits.length < rawLimit) hit.raw = stringifyJson(raw());
        out.hits.push(hit);
      },
      opts,
    );
    file.events = r.events;
    file.problems = r.problems;
    out.events += r.events;
    out.files.push(file);
  }
  for (const c of correlateHits(set, forCorrelation)) {
    const { hits, ...rest } = c;
    out.correlations.push({
      ...rest,
      eventCount: hits.length,
      events: hits.slice(0, 50).map((h) => ({ file: hidden.get(h) ?? '', recordId: h.recordId, computer: h.computer, time: h.time, fields: h.fields })),
    });
  }
  out.ms = now() - t0;
  return out;
}

/** Loads rule files and keeps the chosen rules. */
export function loadChosenRules(files: Iterable<RuleFile>, choice: RuleChoice = {}): RuleSet {
  return chooseRules(loadRuleSet(files), choice);
}
