/**
 * Reads a database in LogonTracer's schema (reference §4.1) — written by LogonTracer or by pushGraph —
 * back into a LogonTracerGraph. Tolerant: a missing property gets a neutral value (`''`, 0, `'-'` for
 * sid and status as LogonTracer writes them when unknown), integers may come back as driver Integers,
 * floats or strings. Duplicated relationships (LogonTracer's `--add` bug, §3.9) are returned as they
 * are; Group relationships are sets and are de-duplicated.
 */
import type { Driver, ManagedTransaction } from 'neo4j-driver';
import { classifyNeo4jError } from './errors.ts';
import type { LogonTracerGraph, LtEvent, LtHost, LtPolicy, LtUser } from './schema.ts';

export interface PullOptions {
  database?: string;
  /** Only for messages. */
  url?: string;
}

type Props = Record<string, unknown>;

/** Driver Integer, number, bigint or numeric string → number; anything else → `fallback`. */
export function toNumber(v: unknown, fallback = 0): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (v && typeof v === 'object' && typeof (v as { toNumber?: unknown }).toNumber === 'function') return (v as { toNumber(): number }).toNumber();
  return fallback;
}

function str(v: unknown, fallback = ''): string {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && typeof (v as { toNumber?: unknown }).toNumber === 'function') return String(toNumber(v));
  return String(v);
}

function user(p: Props): LtUser {
  return {
    user: str(p.user),
    rights: p.rights === 'system' ? 'system' : 'user',
    sid: str(p.sid, '-'),
    rank: toNumber(p.rank),
    status: str(p.status, '-'),
    counts: str(p.counts),
    counts4624: str(p.counts4624),
    counts4625: str(p.counts4625),
    counts4768: str(p.counts4768),
    counts4769: str(p.counts4769),
    counts4776: str(p.counts4776),
    detect: str(p.detect),
  };
}

function host(p: Props): LtHost {
  return { IP: str(p.IP), rank: toNumber(p.rank), hostname: str(p.hostname, str(p.IP)) };
}

async function rows(tx: ManagedTransaction, query: string): Promise<Props[]> {
  const out: Props[] = [];
  // Streamed record by record: a case can hold millions of edges.
  for await (const record of tx.run(query)) out.push(record.toObject() as Props);
  return out;
}

export async function pullGraph(driver: Driver, options: PullOptions = {}): Promise<LogonTracerGraph> {
  const { database } = options;
  const session = driver.session({ database, defaultAccessMode: 'READ' });
  let connected = false;
  try {
    return await session.executeRead(async (tx) => {
      const users = (await rows(tx, 'MATCH (n:Username) RETURN properties(n) AS p ORDER BY n.user')).map((r) => user(r.p as Props));
      connected = true;
      const hosts = (await rows(tx, 'MATCH (n:IPAddress) RETURN properties(n) AS p ORDER BY n.IP')).map((r) => host(r.p as Props));
      const domains = (await rows(tx, 'MATCH (n:Domain) RETURN n.domain AS d ORDER BY d')).map((r) => str(r.d));
      const events: LtEvent[] = [];
      for await (const rec of tx.run(
        'MATCH (h:IPAddress)-[e:Event]->(u:Username) RETURN h.IP AS host, u.user AS user, properties(e) AS p ORDER BY host, user, e.date, e.id',
      )) {
        const p = rec.get('p') as Props;
        events.push({
          host: str(rec.get('host')),
          user: str(rec.get('user')),
          id: toNumber(p.id),
          logintype: toNumber(p.logintype),
          status: str(p.status, '-'),
          count: toNumber(p.count, 1),
          authname: str(p.authname, '-'),
          date: toNumber(p.date),
        });
      }
      const groups = (await rows(tx, 'MATCH (u:Username)-[:Group]->(d:Domain) RETURN DISTINCT u.user AS user, d.domain AS domain ORDER BY user, domain')).map(
        (r) => ({ user: str(r.user), domain: str(r.domain) }),
      );
      const [date] = await rows(tx, 'MATCH (n:Date) RETURN n.start AS start, n.end AS end ORDER BY n.date LIMIT 1');
      const [del] = await rows(tx, 'MATCH (n:Deletetime) RETURN n.date AS date, n.user AS user, n.domain AS domain ORDER BY n.date LIMIT 1');
      // One row per ID node; a policy whose user has no node has no relationship (and so no date).
      const policies: LtPolicy[] = (
        await rows(
          tx,
          'MATCH (p:ID) OPTIONAL MATCH (u:Username)-[r:Policy]->(p) ' +
            'WITH p, head(collect({user: u.user, date: r.date})) AS by RETURN properties(p) AS p, by.user AS user, by.date AS date ORDER BY p.id',
        )
      ).map((r) => {
        const p = r.p as Props;
        return {
          id: toNumber(p.id),
          changetime: str(p.changetime),
          category: str(p.category),
          sub: str(p.sub),
          user: r.user === null || r.user === undefined ? null : str(r.user),
          date: str(r.date),
        };
      });
      return {
        users,
        hosts,
        domains,
        events,
        groups,
        dateRange: date ? { start: str(date.start), end: str(date.end) } : null,
        deletetime: del ? { date: str(del.date), user: str(del.user), domain: str(del.domain) } : null,
        policies,
      };
    });
  } catch (e) {
    throw classifyNeo4jError(e, { url: options.url, database, connected });
  } finally {
    await session.close().catch(() => undefined);
  }
}
