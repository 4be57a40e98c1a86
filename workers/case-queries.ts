import type { CaseAccumulator } from '../src/core/case/accumulator';
import { LOGON_EVENT_IDS } from '../src/core/case/accumulator';
import type { CaseAnalysis } from '../src/core/case/analysis';
import type { CaseSource } from '../src/core/case/facts';
import type { Detection } from '../src/core/case/detections';
import { categoryName, subcategoryName } from '../src/core/case/policy-names';
import { queryView, type ViewQuery, type ViewResult } from '../src/core/case/views';
import { formatShifted } from '../src/core/logon';
import { blobSource, chunkContext, hasEvtxMagic, openEvtx, parseChunkHeader, readChunk, recordRow, renderXml } from '../src/core/evtx';
import { readEventXml, rowFromJson } from '../src/core/xml';
import { denseCounts, groupBy, type Grouping, type Timeline, timelineOf } from '../src/core/case/timelines';
import { detailsCsv, summaryCsv, type TimelineSeries } from '../src/ui/analysis/csv';
import type { CaseCounts, CaseMeta } from '../src/core/store/meta';

/** The open case's headline numbers (plain data: sent to the page as is). */
export interface CaseSummary {
  id: string;
  name: string;
  options: CaseMeta['options'];
  bytes: number;
  logonEvents: number;
  users: number;
  hosts: number;
  edges: number;
  /** Detections per kind. */
  detections: Record<string, number>;
  firstHour: number | null;
  lastHour: number | null;
  sources: CaseSource[];
}

export interface RankRow {
  /** Index of the user or host in the analysis (for timelines and views). */
  index: number;
  name: string;
  /** LogonTracer's PageRank, normalised to 0–1. */
  rank: number;
  /** Standard PageRank on the same links. */
  standardRank: number;
  /** Users only (null for hosts): ChangeFinder's max score, the HMM flag, privileged. */
  changeFinderMax: number | null;
  hmm: boolean | null;
  admin: boolean | null;
}

export interface EdgeEventRow {
  /** Shifted time (ms). */
  time: number;
  /** EventRecordID, or null when the record had none. */
  recordId: number | null;
  /** Name of the file it was imported from. */
  source: string;
  eventId: number;
  logonType: number;
}

export function countsOf(a: CaseAnalysis): CaseCounts {
  const detections: Record<string, number> = {};
  for (const d of a.detections) detections[d.kind] = (detections[d.kind] ?? 0) + 1;
  return { users: a.users.length, hosts: a.hosts.length, edges: a.edges.length, detections };
}

export function summaryOf(meta: CaseMeta, a: CaseAnalysis): CaseSummary {
  const c = countsOf(a);
  return {
    id: meta.id,
    name: meta.name,
    options: meta.options,
    bytes: meta.bytes,
    logonEvents: meta.logonEvents,
    users: c.users,
    hosts: c.hosts,
    edges: c.edges,
    detections: c.detections,
    firstHour: meta.firstHour,
    lastHour: meta.lastHour,
    sources: meta.sources,
  };
}

const byRank = (x: RankRow, y: RankRow) => y.rank - x.rank || x.index - y.index;

/** Users and hosts, highest LogonTracer rank first; at most `limit` of each. */
export function ranksOf(a: CaseAnalysis, limit = Infinity): { users: RankRow[]; hosts: RankRow[] } {
  const users = a.users.map((u, i): RankRow => ({
    index: i,
    name: u.name,
    rank: a.userRank[i]!,
    standardRank: a.userStdRank[i]!,
    changeFinderMax: a.changeFinder.max[i]!,
    hmm: a.hmmFlag[i] === 1,
    admin: u.admin,
  }));
  const hosts = a.hosts.map((h, i): RankRow => ({ index: i, name: h.name, rank: a.hostRank[i]!, standardRank: a.hostStdRank[i]!, changeFinderMax: null, hmm: null, admin: null }));
  return { users: users.sort(byRank).slice(0, limit), hosts: hosts.sort(byRank).slice(0, limit) };
}

/** The events behind one edge, in import order: at most `limit` rows, and how many there are. */
export function edgeEventsOf(acc: CaseAccumulator, a: CaseAnalysis, edge: number, limit: number): { rows: EdgeEventRow[]; total: number } {
  const e = a.edges[edge];
  if (!e) throw new RangeError(`no edge ${edge} in this case (it has ${a.edges.length})`);
  const rows: EdgeEventRow[] = [];
  const time = acc.time.view();
  const rid = acc.recordId.view();
  const src = acc.source.view();
  const code = acc.code.view();
  const type = acc.logonType.view();
  for (let i = 0; i < a.eventEdge.length && rows.length < limit; i++) {
    if (a.eventEdge[i] !== edge) continue;
    rows.push({ time: time[i]!, recordId: rid[i]! >= 0 ? rid[i]! : null, source: acc.sources[src[i]!]?.name ?? '?', eventId: LOGON_EVENT_IDS[code[i]!]!, logonType: type[i]! });
  }
  return { rows, total: e.count };
}

/** Hourly counts per event id for one user or host; host groupings are built on first use. */
export class Timelines {
  private byHost: Grouping | null = null;
  constructor(
    private readonly acc: CaseAccumulator,
    private readonly a: CaseAnalysis,
  ) {}

  of(kind: 'user' | 'host', index: number): Timeline {
    const size = kind === 'user' ? this.a.users.length : this.a.hosts.length;
    if (!Number.isInteger(index) || index < 0 || index >= size) throw new RangeError(`no ${kind} ${index} in this case`);
    const g = this.grouping(kind);
    return timelineOf(this.acc, g.order, g.start[index]!, g.start[index + 1]!);
  }

  private grouping(kind: 'user' | 'host'): Grouping {
    return kind === 'user' ? this.a.byUser : (this.byHost ??= groupBy(this.a.eventHost, this.a.hosts.length));
  }

  /**
   * The timeline page's downloads (reference §6.11): `summary` gives each account's (or host's)
   * hourly totals, `details` its hourly counts per event id, over the case's whole hour axis, in
   * first-seen order. Built here, one account at a time, so the page never holds accounts × hours.
   */
  csv(kind: 'user' | 'host', layout: 'summary' | 'details'): string {
    const axis = this.a.axis;
    const names = kind === 'user' ? this.a.users.map((u) => u.name) : this.a.hosts.map((h) => h.name);
    const nameHeader = kind === 'user' ? 'username' : 'host';
    if (!axis) return (layout === 'summary' ? summaryCsv : detailsCsv)(0, 0, [], nameHeader);
    const g = this.grouping(kind);
    const acc = this.acc;
    function* rows(): Generator<TimelineSeries> {
      for (let i = 0; i < names.length; i++) yield { name: names[i]!, counts: denseCounts(acc, axis!, g.order, g.start[i]!, g.start[i + 1]!) };
    }
    return (layout === 'summary' ? summaryCsv : detailsCsv)(axis.first, axis.hours, rows(), nameHeader);
  }
}

/** One account's ChangeFinder scores, one per hour of the case's axis (the reference's `detect`). */
export function changeFinderOf(a: CaseAnalysis, user: number): { first: number; scores: Float64Array } {
  if (!Number.isInteger(user) || user < 0 || user >= a.users.length) throw new RangeError(`no user ${user} in this case`);
  return { first: a.axis?.first ?? 0, scores: a.changeFinder.scoresOf(user) };
}

// ——— Graph view queries (src/ui/graph) ———

/** What the graph draws beyond a view's nodes: the reference's styling inputs (§6.5). */
export interface NodeAttrs {
  /** Accounts: subject of a 4672 (drawn red, "SYSTEM" in the reference). */
  admin: boolean;
  /** Accounts: status ≠ `-` (created, deleted, group change, DCSync, DCShadow): drawn as an octagon. */
  flagged: boolean;
  /** LogonTracer's rank, 0–1 (accounts and hosts); null for domains and policies. */
  rank: number | null;
  /** The label drawn: the name, or for a policy change its time (the reference's `changetime`). */
  label: string;
}

/** A view's result with one NodeAttrs per node (same order): `attrs[i]` styles `nodes[i]`. */
export interface GraphResult extends ViewResult {
  attrs: NodeAttrs[];
}

export function graphOf(acc: CaseAccumulator, a: CaseAnalysis, q: ViewQuery): GraphResult {
  const r = queryView(acc, a, q);
  const attrs = r.nodes.map((n): NodeAttrs => {
    if (n.kind === 'account') {
      const u = a.users[n.index]!;
      return { admin: u.admin, flagged: u.status !== '-', rank: a.userRank[n.index]!, label: n.name };
    }
    if (n.kind === 'host') return { admin: false, flagged: false, rank: a.hostRank[n.index]!, label: n.name };
    const policy = n.kind === 'policy' ? acc.policies[n.index] : undefined;
    return { admin: false, flagged: false, rank: null, label: policy ? formatShifted(policy.time) : n.name };
  });
  return { ...r, attrs };
}

export type NameKind = 'account' | 'host' | 'ip';

/**
 * Names for the search box's autocomplete: those starting with `prefix` first, then those containing
 * it (case-insensitive, as the search itself), at most `limit`, each list sorted.
 */
export function namesOf(a: CaseAnalysis, kind: NameKind, prefix: string, limit: number): string[] {
  const p = prefix.toLowerCase();
  const all = new Set<string>();
  if (kind === 'account') for (const u of a.users) all.add(u.name);
  else
    for (const h of a.hosts) {
      if (kind === 'ip') {
        if (h.ip) all.add(h.ip);
      } else {
        all.add(h.name);
        if (h.hostname) all.add(h.hostname);
      }
    }
  const starts: string[] = [];
  const contains: string[] = [];
  for (const name of all) {
    const lower = name.toLowerCase();
    if (lower.startsWith(p)) starts.push(name);
    else if (lower.includes(p)) contains.push(name);
  }
  const byName = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return [...starts.sort(byName), ...contains.sort(byName)].slice(0, Math.max(0, limit));
}

/** One node's details panel: its properties as label/value text, ranks, flags and detections. */
export interface NodeInfo {
  id: string;
  kind: 'account' | 'host' | 'domain' | 'policy';
  name: string;
  /** Index of the user or host (for timelines), else -1. */
  index: number;
  properties: [string, string][];
  rank: number | null;
  standardRank: number | null;
  changeFinderMax: number | null;
  hmm: boolean | null;
  admin: boolean | null;
  /** Detections naming this account or host, first `MAX_NODE_DETECTIONS`. */
  detections: Detection[];
  detectionsTotal: number;
}

export const MAX_NODE_DETECTIONS = 200;

/** Details of a node by its view id (`account:…`, `host:…`, `domain:…`, `policy:K`); null when unknown. */
export function nodeInfoOf(acc: CaseAccumulator, a: CaseAnalysis, id: string): NodeInfo | null {
  const colon = id.indexOf(':');
  const kind = id.slice(0, colon);
  const name = id.slice(colon + 1);
  const base = { id, name, rank: null, standardRank: null, changeFinderMax: null, hmm: null, admin: null, detections: [] as Detection[], detectionsTotal: 0 };
  const pick = (test: (d: Detection) => boolean) => {
    const found = a.detections.filter(test);
    return { detections: found.slice(0, MAX_NODE_DETECTIONS), detectionsTotal: found.length };
  };
  const when = (t: number | null) => (t === null ? '–' : formatShifted(t));
  if (kind === 'account') {
    const i = a.users.findIndex((u) => u.name === name);
    if (i < 0) return null;
    const u = a.users[i]!;
    return {
      ...base,
      kind: 'account',
      index: i,
      properties: [
        ['Privilege', u.admin ? 'SYSTEM (4672)' : 'Normal'],
        ['SID', u.sid ?? '–'],
        ['Domains', u.domains.join(', ') || '–'],
        ['Status', u.status],
        ['Created', when(u.created)],
        ['Deleted', when(u.deleted)],
        ['NTLM seen', u.ntlm ? 'yes' : 'no'],
      ],
      rank: a.userRank[i]!,
      standardRank: a.userStdRank[i]!,
      changeFinderMax: a.changeFinder.max[i]!,
      hmm: a.hmmFlag[i] === 1,
      admin: u.admin,
      ...pick((d) => d.account === name),
    };
  }
  if (kind === 'host') {
    const i = a.hosts.findIndex((h) => h.name === name);
    if (i < 0) return null;
    const h = a.hosts[i]!;
    return {
      ...base,
      kind: 'host',
      index: i,
      properties: [
        ['IP address', h.ip ?? '–'],
        ['Host name', h.hostname ?? '–'],
      ],
      rank: a.hostRank[i]!,
      standardRank: a.hostStdRank[i]!,
      ...pick((d) => d.host === name),
    };
  }
  if (kind === 'domain') {
    const members = a.users.filter((u) => u.domains.includes(name)).length;
    return { ...base, kind: 'domain', index: -1, properties: [['Accounts seen in it', String(members)]] };
  }
  if (kind === 'policy') {
    const k = Number(name);
    const p = Number.isInteger(k) ? acc.policies[k] : undefined;
    if (!p) return null;
    return {
      ...base,
      kind: 'policy',
      index: -1,
      properties: [
        ['Changed', formatShifted(p.time)],
        ['By', p.user ?? '(machine account)'],
        ['Category', categoryName(p.category)],
        ['Subcategory', subcategoryName(p.subcategoryGuid)],
        ['Record id', p.recordId === null ? '–' : String(p.recordId)],
      ],
    };
  }
  return null;
}

/** An edge event's raw record, or why it cannot be shown. */
export type RawRecord = { available: true; format: 'xml' | 'json'; text: string } | { available: false; reason: string };

/**
 * Finds record `recordId` (its EventRecordID, as the case stores it) in an imported file. EVTX: the
 * chunk whose header range holds the id is tried first, then every chunk (exported logs may renumber
 * headers); the record is rendered as Event Viewer XML. Event Viewer XML files are read until the event.
 */
export async function rawRecordOf(file: Blob, name: string, recordId: number): Promise<RawRecord> {
  const source = blobSource(file, name);
  const head = await source.read(0, 8);
  const missing: RawRecord = { available: false, reason: `record ${recordId} was not found in ${name} (the file may have changed since it was imported).` };
  if (hasEvtxMagic(head)) {
    const layout = await openEvtx(source);
    const find = async (index: number) => {
      const o = await readChunk(source, layout, index, (r) => (recordRow(r).recordId === recordId ? renderXml(r.nodes) : null));
      return o.items.find((x) => x !== null) ?? null;
    };
    const hinted: number[] = [];
    for (let i = 0; i < layout.blocks; i++) {
      const h = await source.read(chunkContext(layout, i).fileOffset, CHUNK_HEADER_BYTES);
      try {
        const c = parseChunkHeader(h, false);
        if (recordId >= c.firstRecordId && recordId <= c.lastRecordId) hinted.push(i);
      } catch {
        // Not a chunk (empty or damaged): the full scan below still visits it.
      }
    }
    for (const i of hinted) {
      const xml = await find(i);
      if (xml !== null) return { available: true, format: 'xml', text: xml };
    }
    for (let i = 0; i < layout.blocks; i++) {
      if (hinted.includes(i)) continue;
      const xml = await find(i);
      if (xml !== null) return { available: true, format: 'xml', text: xml };
    }
    return missing;
  }
  let found: string | null = null;
  const stop = new AbortController();
  try {
    await readEventXml(
      source,
      (json, index, offset) => {
        if (found === null && rowFromJson(json, index, offset).recordId === recordId) {
          // Indented for reading; 64-bit integers as their exact digits (quoted).
          found = JSON.stringify(json, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
          stop.abort();
        }
      },
      stop.signal,
    );
  } catch (e) {
    if (found === null) throw e;
  }
  return found === null ? missing : { available: true, format: 'json', text: found };
}

const CHUNK_HEADER_BYTES = 512;
