/**
 * The Neo4j worker's API (neo4j.worker.ts exposes it through Comlink): one driver per connection,
 * push with progress and cancel, pull, and the read-only console. It runs in a worker so that the
 * page stays responsive while a large case is written; in the browser, neo4j-driver talks Bolt over
 * WebSocket. Failures come back as values (kind + plain message + what a push had written) because
 * Comlink passes only an Error's name and message.
 *
 * The driver module is passed in, so that Node tests can run this API with the browser build.
 */
import type { Driver } from 'neo4j-driver';
import { classifyNeo4jError, Neo4jSyncError, type Neo4jErrorKind, type PushReport } from '../src/core/neo4j/errors';
import { consoleResult, decodeGraph, encodeGraph, type ConsoleResult } from '../src/core/neo4j/plain';
import { pullGraph } from '../src/core/neo4j/pull';
import { describeReport, pushGraph, type PushProgress } from '../src/core/neo4j/push';
import { runReadOnly } from '../src/core/neo4j/readonly';
import { graphCounts, type LogonTracerGraph, type RowCounts } from '../src/core/neo4j/schema';
import { parseNeo4jUrl, type Neo4jConnection } from '../src/core/neo4j/credentials';

export interface DriverModule {
  driver(url: string, auth: unknown, config?: Record<string, unknown>): Driver;
  auth: { basic(user: string, password: string): unknown };
}

export interface Failure {
  ok: false;
  kind: Neo4jErrorKind | 'settings' | 'not-connected' | 'busy';
  message: string;
  detail: string;
}

export interface ServerInfo {
  ok: true;
  url: string;
  database: string;
  /** Server agent (e.g. "Neo4j/5.26.0") and Bolt protocol version. */
  agent: string;
  protocol: string;
}

export type PushOutcome =
  | { status: 'done'; report: PushReport }
  | { status: 'failed' | 'cancelled'; kind: Neo4jErrorKind; message: string; detail: string; report: PushReport | null; written: string };

export type PullOutcome = { ok: true; graph: Uint8Array; counts: RowCounts; elapsedMs: number } | Failure;
export type QueryOutcome = { ok: true; result: ConsoleResult; elapsedMs: number } | Failure;

export interface Neo4jWorkerApi {
  /** Opens a driver and checks that the server answers and accepts the credentials. */
  connect(settings: Neo4jConnection): Promise<ServerInfo | Failure>;
  disconnect(): Promise<void>;
  /** `graph`: a LogonTracerGraph encoded by encodeGraph (from the case worker). */
  push(graph: Uint8Array | LogonTracerGraph, options: { mode: 'replace' | 'merge'; batchSize?: number }, onProgress: (p: PushProgress) => void): Promise<PushOutcome>;
  /** Stops the running push between batches; it then resolves as cancelled, saying what was written. */
  cancelPush(): Promise<boolean>;
  /** Reads the database (LogonTracer's schema) as an encoded LogonTracerGraph. */
  pull(): Promise<PullOutcome>;
  /** Read-only Cypher (writes are refused by the server's plan and a read transaction). */
  query(text: string, maxRows?: number): Promise<QueryOutcome>;
}

function failure(e: unknown, fallback: Failure['kind'] = 'unknown'): Failure {
  if (e instanceof Neo4jSyncError) return { ok: false, kind: e.kind, message: e.message, detail: e.detail };
  const m = e instanceof Error ? e.message : String(e);
  return { ok: false, kind: fallback, message: m, detail: m };
}

export function createNeo4jApi(neo4j: DriverModule, transfer: <T>(value: T, buffers: ArrayBuffer[]) => T = (v) => v): Neo4jWorkerApi {
  let current: { driver: Driver; url: string; database: string | undefined } | null = null;
  let pushing: AbortController | null = null;

  const connected = (): typeof current & object => {
    if (!current) throw new Neo4jSyncError('unknown', 'Not connected: connect to a Neo4j server first.', 'no driver');
    return current;
  };

  return {
    async connect(settings) {
      const url = parseNeo4jUrl(settings.url);
      if (typeof url === 'string') return { ok: false, kind: 'settings', message: url, detail: url };
      if (pushing) return { ok: false, kind: 'busy', message: 'A push is running: wait for it or cancel it first.', detail: 'busy' };
      if (current) {
        await current.driver.close().catch(() => undefined);
        current = null;
      }
      const database = settings.database.trim() || undefined;
      const driver = neo4j.driver(url.url, neo4j.auth.basic(settings.user, settings.password), {
        connectionTimeout: 15_000,
        // A refused WebSocket can leave the driver waiting for a connection from its pool: give up
        // after 20 s (the default is 60) and say the server did not answer.
        connectionAcquisitionTimeout: 20_000,
        // No automatic retries: a push reports exactly what committed (see push.ts).
        maxTransactionRetryTime: 0,
        userAgent: 'LogonLens',
      });
      try {
        const info = await driver.getServerInfo({ database });
        // The database must exist and be reachable for these credentials.
        await driver.executeQuery('RETURN 1', {}, { database, routing: 'READ' } as never);
        current = { driver, url: url.url, database };
        return { ok: true, url: url.url, database: database ?? '', agent: String(info.agent ?? ''), protocol: String(info.protocolVersion ?? '') };
      } catch (e) {
        await driver.close().catch(() => undefined);
        return failure(classifyNeo4jError(e, { url: url.url, database, connected: false }));
      }
    },

    async disconnect() {
      pushing?.abort();
      const c = current;
      current = null;
      await c?.driver.close().catch(() => undefined);
    },

    async push(input, options, onProgress) {
      if (pushing) return { status: 'failed', kind: 'unknown', message: 'A push is already running.', detail: 'busy', report: null, written: '' };
      const controller = new AbortController();
      pushing = controller;
      try {
        const c = connected();
        const graph = input instanceof Uint8Array ? decodeGraph(input) : input;
        let last = 0;
        const report = await pushGraph(c.driver, graph, {
          database: c.database,
          mode: options.mode,
          batchSize: options.batchSize,
          signal: controller.signal,
          url: c.url,
          onProgress: (p) => {
            // Every phase change and at most ~10 updates a second cross to the page.
            const now = Date.now();
            if (p.phase === 'events' && p.done < p.total && now - last < 100) return;
            last = now;
            onProgress(structuredClone(p));
          },
        });
        return { status: 'done', report };
      } catch (e) {
        const err = e instanceof Neo4jSyncError ? e : classifyNeo4jError(e, { url: current?.url, database: current?.database, connected: true });
        return {
          status: err.kind === 'cancelled' ? 'cancelled' : 'failed',
          kind: err.kind,
          message: err.message,
          detail: err.detail,
          report: err.report ?? null,
          written: err.report ? describeReport(err.report) : '',
        };
      } finally {
        pushing = null;
      }
    },

    async cancelPush() {
      if (!pushing) return false;
      pushing.abort();
      return true;
    },

    async pull() {
      const started = Date.now();
      try {
        const c = connected();
        const g = await pullGraph(c.driver, { database: c.database, url: c.url });
        const bytes = encodeGraph(g);
        return transfer({ ok: true as const, graph: bytes, counts: graphCounts(g), elapsedMs: Date.now() - started }, [bytes.buffer as ArrayBuffer]);
      } catch (e) {
        return failure(e);
      }
    },

    async query(text, maxRows = 1000) {
      const started = Date.now();
      if (text.trim() === '') return { ok: false, kind: 'query', message: 'Type a Cypher query first.', detail: 'empty' };
      try {
        const c = connected();
        const r = await runReadOnly(c.driver, text, {}, { database: c.database, url: c.url, maxRows: Math.max(1, Math.min(maxRows, 10_000)) });
        return { ok: true, result: consoleResult(r), elapsedMs: Date.now() - started };
      } catch (e) {
        return failure(e);
      }
    },
  };
}
