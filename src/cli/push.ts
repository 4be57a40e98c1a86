import neo4j, { type Driver } from 'neo4j-driver';
import { analyze as analyzeCase, CaseAccumulator } from '../core/case';
import { toLogonTracer } from '../core/case/logontracer';
import { parseNeo4jUrl } from '../core/neo4j/credentials';
import { Neo4jSyncError } from '../core/neo4j/errors';
import { describeCounts, pushGraph, type PushProgress } from '../core/neo4j/push';
import { graphCounts } from '../core/neo4j/schema';
import { importFiles } from './import-files';

export const PUSH_USAGE = `push --neo4j URL --user U --password-env VAR [--database D] [--mode replace|merge] [--tz H] FILE…
                                    import the logs into one case and write it to Neo4j in LogonTracer's schema
                                    (URL bolt://, neo4j://, bolt+s:// or neo4j+s://; the password is read from the
                                    environment variable VAR; replace, the default, empties the database first)`;

export interface PushCliOptions {
  url: string;
  user: string;
  password: string;
  database: string | undefined;
  mode: 'replace' | 'merge';
  tzHours: number;
  /** Rows per transaction (tests). */
  batchSize?: number;
}

type Out = NodeJS.WritableStream;

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Checks the command line; returns the options, or the message for a usage error. */
export function pushOptions(flags: Map<string, string>, env: NodeJS.ProcessEnv): PushCliOptions | string {
  const url = flags.get('neo4j');
  if (!url) return 'push needs --neo4j URL (for example bolt://localhost:7687)';
  const parsed = parseNeo4jUrl(url);
  if (typeof parsed === 'string') return parsed;
  const user = flags.get('user');
  if (!user) return 'push needs --user';
  const variable = flags.get('password-env');
  if (!variable) return 'push needs --password-env VAR: the name of an environment variable holding the password (never the password itself)';
  const password = env[variable];
  if (password === undefined) return `the environment variable ${variable} (--password-env) is not set`;
  const mode = flags.get('mode') ?? 'replace';
  if (mode !== 'replace' && mode !== 'merge') return `--mode must be replace or merge, not ${mode}`;
  const tzHours = Number(flags.get('tz') ?? 0);
  if (!Number.isFinite(tzHours) || Math.abs(tzHours) >= 24) return '--tz needs an offset in hours under 24';
  const batch = flags.get('batch-size');
  const batchSize = batch === undefined ? undefined : Number(batch);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) return '--batch-size needs a positive whole number';
  return { url: parsed.url, user, password, database: flags.get('database') || undefined, mode, tzHours, batchSize };
}

/**
 * `logonlens push`: imports the logs into one case (as `analyze`), analyses it and pushes it to
 * Neo4j. Progress goes to stderr, the final report to stdout. Exit 0 when everything was written,
 * 1 on a failure (the message says what was written before it), 130 when interrupted (Ctrl-C stops
 * between batches and reports likewise).
 */
export async function push(files: string[], opts: PushCliOptions, out: Out, err: Out, signal?: AbortSignal): Promise<number> {
  const started = Date.now();
  const acc = new CaseAccumulator({ tzHours: opts.tzHours, from: null, to: null });
  const imported = await importFiles(acc, files, err, {
    ...(signal ? { signal } : {}),
    onStart: (path) => err.write(`reading ${path}\n`),
    onFile: (_path, report) => err.write(`  ${report.records.toLocaleString('en-US')} records, ${report.accepted.toLocaleString('en-US')} taken\n`),
  });
  if (!imported) return 1;
  const analysis = analyzeCase(acc);
  const graph = toLogonTracer(acc, analysis);
  const target = `${opts.url} (${opts.database ? `database "${opts.database}"` : 'the default database'})`;
  err.write(`case: ${acc.logonCount.toLocaleString('en-US')} logon events; pushing ${describeCounts(graphCounts(graph))} to ${target}, mode ${opts.mode}\n`);

  const driver: Driver = neo4j.driver(opts.url, neo4j.auth.basic(opts.user, opts.password), { connectionTimeout: 15_000, maxTransactionRetryTime: 0, userAgent: 'LogonLens CLI' });
  let lastPhase = '';
  let lastAt = 0;
  const progress = (p: PushProgress) => {
    const now = Date.now();
    if (p.phase === lastPhase && now - lastAt < 1000 && p.done < p.total) return;
    lastPhase = p.phase;
    lastAt = now;
    const pct = p.total ? ` ${Math.floor((p.done / p.total) * 100)}%` : '';
    err.write(`  ${p.phase}:${pct} ${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} rows, ${secs(p.report.elapsedMs)}\n`);
  };
  try {
    const report = await pushGraph(driver, graph, { database: opts.database, mode: opts.mode, batchSize: opts.batchSize, signal, url: opts.url, onProgress: progress });
    const rate = report.elapsedMs > 0 ? `, ${Math.round((report.committed.events / report.elapsedMs) * 1000).toLocaleString('en-US')} events/s` : '';
    out.write(`pushed ${describeCounts(report.committed)} to ${target} (${opts.mode}) in ${secs(report.elapsedMs)}${rate}; ${secs(Date.now() - started)} in all\n`);
    return 0;
  } catch (e) {
    if (e instanceof Neo4jSyncError) {
      err.write(`push failed: ${e.message}\n`);
      if (e.detail && e.detail !== e.message) err.write(`  (${e.detail.split('\n')[0]})\n`);
      return e.kind === 'cancelled' ? 130 : 1;
    }
    err.write(`push failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    await driver.close().catch(() => undefined);
  }
}
