/**
 * Pushes a LogonTracerGraph to Neo4j in LogonTracer's schema (reference §4.1), from the page or from
 * Node, with neo4j-driver.
 *
 * - Values only ever travel as parameters (`UNWIND $rows`); the Cypher text is constant. LogonTracer
 *   spliced values into its statements (§8.2), so one apostrophe in an account name broke an import.
 * - One transaction per batch, no automatic retry. LogonTracer ran the whole import in one transaction;
 *   with a million edges that is a huge transaction, gives no progress, and a failure loses everything.
 *   Per-batch commits make the report after a failure exact: `committed` rows are on the server, the
 *   one `inFlight` batch may or may not be. (A driver retry could re-run a batch whose commit did
 *   arrive, and duplicate its edges, so there is none.)
 * - Indexes on the MERGE keys are created first (LogonTracer creates none, so each MERGE scanned the
 *   label). They are plain range indexes, not uniqueness constraints: a database LogonTracer wrote with
 *   duplicated keys still accepts them, and LogonTracer's own MERGEs keep working.
 * - `merge` mode MERGEs the relationships too, on their identifying properties, so pushing the same
 *   case twice does not duplicate edges (LogonTracer's `--add` CREATEd them again, §3.9). An Event is
 *   identified by its hourly group (id, logintype, status, authname, date) and its `count` updated.
 * - `replace` mode empties the whole database first, as LogonTracer's `--delete` does (one database
 *   per case), then CREATEs the relationships.
 */
import type { Driver, Session, Transaction } from 'neo4j-driver';
import { classifyNeo4jError, Neo4jSyncError, type PushReport } from './errors.ts';
import { graphCounts, WRITE_ORDER, zeroCounts, type LogonTracerGraph, type RowKind } from './schema.ts';

export interface PushOptions {
  /** Target database; the server's default (usually `neo4j`) when omitted. */
  database?: string;
  mode: 'replace' | 'merge';
  /** Rows per transaction (default 10,000). Users, whose hourly count strings are long, are also cut at ~8 MB. */
  batchSize?: number;
  onProgress?: (p: PushProgress) => void;
  /** Checked between batches: the batch being written completes, then the push stops with a 'cancelled' error. */
  signal?: AbortSignal;
  /** Only for messages ("at bolt://…"). */
  url?: string;
}

export interface PushProgress {
  phase: 'connect' | 'clear' | 'schema' | RowKind | 'done';
  /** Rows committed so far, over all kinds, and rows in total. */
  done: number;
  total: number;
  report: PushReport;
}

export const LOGONLENS_INDEXES: readonly string[] = [
  'CREATE INDEX logonlens_username_user IF NOT EXISTS FOR (n:Username) ON (n.user)',
  'CREATE INDEX logonlens_ipaddress_ip IF NOT EXISTS FOR (n:IPAddress) ON (n.IP)',
  'CREATE INDEX logonlens_domain_domain IF NOT EXISTS FOR (n:Domain) ON (n.domain)',
  'CREATE INDEX logonlens_id_id IF NOT EXISTS FOR (n:ID) ON (n.id)',
  'CREATE INDEX logonlens_date_date IF NOT EXISTS FOR (n:Date) ON (n.date)',
  'CREATE INDEX logonlens_deletetime_date IF NOT EXISTS FOR (n:Deletetime) ON (n.date)',
];

const EVENT_PROPS = 'id: toInteger(r.id), logintype: toInteger(r.logintype), status: r.status, authname: r.authname, date: toInteger(r.date)';

/** Constant statements; every value comes from `$rows`. */
function statement(kind: RowKind, mode: PushOptions['mode']): string {
  const merge = mode === 'merge';
  switch (kind) {
    case 'hosts':
      return 'UNWIND $rows AS r MERGE (n:IPAddress {IP: r.IP}) SET n.rank = toFloat(r.rank), n.hostname = r.hostname';
    case 'users':
      return (
        'UNWIND $rows AS r MERGE (n:Username {user: r.user}) ' +
        'SET n.rights = r.rights, n.sid = r.sid, n.rank = toFloat(r.rank), n.status = r.status, n.counts = r.counts, ' +
        'n.counts4624 = r.counts4624, n.counts4625 = r.counts4625, n.counts4768 = r.counts4768, ' +
        'n.counts4769 = r.counts4769, n.counts4776 = r.counts4776, n.detect = r.detect'
      );
    case 'domains':
      return 'UNWIND $rows AS r MERGE (:Domain {domain: r})';
    case 'events':
      return (
        'UNWIND $rows AS r MATCH (h:IPAddress {IP: r.host}) MATCH (u:Username {user: r.user}) ' +
        (merge
          ? `MERGE (h)-[e:Event {${EVENT_PROPS}}]->(u) SET e.count = toInteger(r.count)`
          : `CREATE (h)-[:Event {${EVENT_PROPS}, count: toInteger(r.count)}]->(u)`)
      );
    case 'groups':
      return `UNWIND $rows AS r MATCH (u:Username {user: r.user}) MATCH (d:Domain {domain: r.domain}) ${merge ? 'MERGE' : 'CREATE'} (u)-[:Group]->(d)`;
    case 'dateRange':
      return "UNWIND $rows AS r MERGE (n:Date {date: 'Daterange'}) SET n.start = r.start, n.end = r.end";
    case 'deletetime':
      return 'UNWIND $rows AS r MERGE (n:Deletetime {date: r.date}) SET n.user = r.user, n.domain = r.domain';
    case 'policies':
      // A policy whose user has no node gets no relationship (§3.6): MATCH then yields no row.
      return (
        'UNWIND $rows AS r MERGE (p:ID {id: toInteger(r.id)}) SET p.changetime = r.changetime, p.category = r.category, p.sub = r.sub ' +
        `WITH p, r WHERE r.user IS NOT NULL MATCH (u:Username {user: r.user}) ${merge ? 'MERGE' : 'CREATE'} (u)-[:Policy {date: r.date}]->(p)`
      );
  }
}

function rowsOf(g: LogonTracerGraph, kind: RowKind): readonly unknown[] {
  switch (kind) {
    case 'dateRange':
      return g.dateRange ? [g.dateRange] : [];
    case 'deletetime':
      return g.deletetime ? [g.deletetime] : [];
    default:
      return g[kind];
  }
}

const MAX_BATCH_CHARS = 8_000_000;

/** Slices of at most `size` rows and (for users) about MAX_BATCH_CHARS characters of strings. */
function* batches(kind: RowKind, rows: readonly unknown[], size: number): Generator<readonly unknown[]> {
  if (kind !== 'users') {
    for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
    return;
  }
  let start = 0;
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    const u = rows[i] as LogonTracerGraph['users'][number];
    chars += u.counts.length + u.counts4624.length + u.counts4625.length + u.counts4768.length + u.counts4769.length + u.counts4776.length + u.detect.length;
    if (i + 1 - start >= size || chars >= MAX_BATCH_CHARS) {
      yield rows.slice(start, i + 1);
      start = i + 1;
      chars = 0;
    }
  }
  if (start < rows.length) yield rows.slice(start);
}

/** Refuses a graph whose edges point at nodes it does not have, or whose keys repeat: nothing is sent then. */
export function validateGraph(g: LogonTracerGraph): string[] {
  const problems: string[] = [];
  const note = (m: string) => {
    if (problems.length < 10) problems.push(m);
  };
  const unique = (label: string, keys: Iterable<unknown>) => {
    const seen = new Set<unknown>();
    for (const k of keys) {
      if (seen.has(k)) note(`${label} ${JSON.stringify(k)} appears twice`);
      seen.add(k);
    }
    return seen;
  };
  const users = unique('user', g.users.map((u) => u.user));
  const hosts = unique('host', g.hosts.map((h) => h.IP));
  const domains = unique('domain', g.domains);
  unique('policy id', g.policies.map((p) => p.id));
  const isInt = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n);
  for (const e of g.events) {
    if (!hosts.has(e.host)) note(`event from unknown host ${JSON.stringify(e.host)}`);
    if (!users.has(e.user)) note(`event to unknown user ${JSON.stringify(e.user)}`);
    if (!isInt(e.id) || !isInt(e.logintype) || !isInt(e.count) || !isInt(e.date)) note(`event ${e.host} → ${e.user}: id, logintype, count and date must be integers`);
  }
  for (const r of g.groups) {
    if (!users.has(r.user)) note(`group of unknown user ${JSON.stringify(r.user)}`);
    if (!domains.has(r.domain)) note(`group with unknown domain ${JSON.stringify(r.domain)}`);
  }
  for (const p of g.policies) if (!isInt(p.id)) note(`policy id ${p.id} is not an integer`);
  return problems;
}

/** "3 hosts, 5 users, 1,000 events" for messages. */
export function describeCounts(c: Partial<Record<RowKind, number>>): string {
  const parts = WRITE_ORDER.filter((k) => (c[k] ?? 0) > 0).map((k) => `${(c[k] ?? 0).toLocaleString('en-US')} ${k === 'dateRange' ? 'date range' : k}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** One line saying what a failed push left on the server. */
export function describeReport(r: PushReport): string {
  const where = r.database ? `database "${r.database}"` : 'the database';
  const before = r.mode === 'replace' ? (r.cleared ? `${where} was emptied, then ` : `${where} was not touched: `) : '';
  const inFlight = r.inFlight ? `; a batch of ${r.inFlight.rows.toLocaleString('en-US')} ${r.inFlight.kind} was being written and may or may not have been saved` : '';
  return `${before}written before the push stopped: ${describeCounts(r.committed)} (of ${describeCounts(r.total)})${inFlight}.`;
}

export async function pushGraph(driver: Driver, graph: LogonTracerGraph, options: PushOptions): Promise<PushReport> {
  const started = Date.now();
  const { database, mode, signal, onProgress } = options;
  const batchSize = Math.max(1, options.batchSize ?? 10_000);
  const total = graphCounts(graph);
  const totalRows = Object.values(total).reduce((a, b) => a + b, 0);
  const report: PushReport = { mode, database, cleared: false, committed: zeroCounts(), total, inFlight: null, complete: false, elapsedMs: 0 };
  let done = 0;
  const progress = (phase: PushProgress['phase']) => {
    report.elapsedMs = Date.now() - started;
    onProgress?.({ phase, done, total: totalRows, report });
  };
  const fail = (e: unknown, connected: boolean): never => {
    report.elapsedMs = Date.now() - started;
    const c = classifyNeo4jError(e, { url: options.url, database, connected });
    const written = describeReport(report);
    const message = c.kind === 'invalid-graph' ? c.message : `${c.message} ${written.charAt(0).toUpperCase()}${written.slice(1)}`;
    throw new Neo4jSyncError(c.kind, message, c.detail, { ...report, committed: { ...report.committed } }, { cause: e });
  };
  const checkCancel = () => {
    if (signal?.aborted) throw new Neo4jSyncError('cancelled', 'The push was cancelled.', 'aborted by the caller');
  };

  const problems = validateGraph(graph);
  if (problems.length) fail(new Neo4jSyncError('invalid-graph', `The case cannot be pushed: ${problems.join('; ')}.`, problems.join('\n')), false);

  let connected = false;
  const session: Session = driver.session({ database, defaultAccessMode: 'WRITE' });
  try {
    checkCancel();
    progress('connect');
    if (mode === 'replace') {
      // Relationships first, in small transactions: one DETACH DELETE of a host with a million edges
      // would be one huge transaction.
      await session.run('MATCH ()-[r]->() CALL { WITH r DELETE r } IN TRANSACTIONS OF 20000 ROWS');
      connected = true;
      await session.run('MATCH (n) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 20000 ROWS');
      report.cleared = true;
      progress('clear');
    }
    checkCancel();
    for (const index of LOGONLENS_INDEXES) {
      await session.run(index);
      connected = true;
    }
    await session.run('CALL db.awaitIndexes(300)');
    progress('schema');

    for (const kind of WRITE_ORDER) {
      const text = statement(kind, mode);
      for (const rows of batches(kind, rowsOf(graph, kind), batchSize)) {
        checkCancel();
        report.inFlight = { kind, rows: rows.length };
        const tx: Transaction = session.beginTransaction();
        let commitSent = false;
        try {
          await tx.run(text, { rows });
          commitSent = true;
          await tx.commit();
        } catch (e) {
          if (tx.isOpen()) await tx.rollback().catch(() => undefined); // fails too on a dead connection: fine
          // Before the commit was sent, or when the server answered the commit with an error, the batch
          // is certainly not saved. Only a connection lost during the commit leaves it unknown.
          const serverAnswered = String((e as { code?: unknown }).code ?? '').startsWith('Neo.');
          if (!commitSent || serverAnswered) report.inFlight = null;
          throw e;
        }
        report.inFlight = null;
        report.committed[kind] += rows.length;
        done += rows.length;
        progress(kind);
      }
    }
    report.complete = true;
    progress('done');
    return report;
  } catch (e) {
    return fail(e, connected);
  } finally {
    await session.close().catch(() => undefined);
  }
}
