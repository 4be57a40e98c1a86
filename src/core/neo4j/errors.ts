/**
 * Turns what neo4j-driver throws into a short message an analyst can act on, and a kind the page
 * can branch on. The driver's own messages are long and aimed at developers; the original stays in
 * `cause` (and in `detail`) for the log.
 */
import type { RowCounts, RowKind } from './schema.ts';

export type Neo4jErrorKind =
  | 'auth' // wrong user name or password, or the password must be changed first
  | 'unreachable' // nothing answered: refused, wrong host or port, blocked WebSocket
  | 'server-gone' // the connection worked, then broke (server stopped, network lost)
  | 'database' // the named database does not exist or is not online
  | 'forbidden' // the query was refused: a write in the read-only console, or not allowed for this user
  | 'invalid-graph' // the graph to push is inconsistent; nothing was sent
  | 'cancelled' // the caller aborted
  | 'query' // the server rejected a statement
  | 'unknown';

/** What a push had committed when it stopped (rows per kind, and the batch whose fate is unknown). */
export interface PushReport {
  mode: 'replace' | 'merge';
  database: string | undefined;
  /** Replace mode: whether the database was emptied (an emptied database stays empty if the push then fails). */
  cleared: boolean;
  /** Rows whose transaction committed, per kind. */
  committed: RowCounts;
  /** Rows in total, per kind. */
  total: RowCounts;
  /**
   * The batch that was being written when the push failed. Its commit may or may not have reached the
   * server before the connection broke, so it is neither in `committed` nor known to be absent.
   */
  inFlight: { kind: RowKind; rows: number } | null;
  complete: boolean;
  elapsedMs: number;
}

export class Neo4jSyncError extends Error {
  override readonly name = 'Neo4jSyncError';
  constructor(
    readonly kind: Neo4jErrorKind,
    message: string,
    /** The driver's code and message, for a log or a "details" line. */
    readonly detail: string,
    /** Set for push failures: what is on the server now. */
    readonly report?: PushReport,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface DriverErrorLike {
  code?: unknown;
  message?: unknown;
}

function codeOf(e: unknown): string {
  const c = (e as DriverErrorLike | null)?.code;
  return typeof c === 'string' ? c : '';
}

function messageOf(e: unknown): string {
  const m = (e as DriverErrorLike | null)?.message;
  return typeof m === 'string' ? m : String(e);
}

/**
 * Classifies a driver error. `connected` says whether this session had already talked to the server:
 * a lost connection then means the server went away, not that it was never there.
 */
export function classifyNeo4jError(e: unknown, where: { url?: string; database?: string; connected: boolean }): Neo4jSyncError {
  if (e instanceof Neo4jSyncError) return e;
  const code = codeOf(e);
  const raw = messageOf(e);
  const detail = code ? `${code}: ${raw}` : raw;
  const at = where.url ? ` at ${where.url}` : '';
  const db = where.database ?? 'the default database';
  const make = (kind: Neo4jErrorKind, message: string) => new Neo4jSyncError(kind, message, detail, undefined, { cause: e });

  if (code === 'Neo.ClientError.Security.Unauthorized') {
    return make('auth', `Neo4j${at} refused the user name or password. Check them and try again.`);
  }
  if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return make('auth', `Neo4j${at} refused too many wrong passwords in a row; wait a few seconds before trying again.`);
  }
  if (code === 'Neo.ClientError.Security.CredentialsExpired') {
    return make('auth', `Neo4j${at} accepted the password but requires it to be changed first (for example in Neo4j Browser).`);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return make('database', `Neo4j${at} has no database named "${db}". Neo4j Community has only "neo4j"; create the database first on Enterprise.`);
  }
  if (code === 'Neo.TransientError.General.DatabaseUnavailable' || code === 'Neo.ClientError.Database.DatabaseUnavailable') {
    return make('database', `The database "${db}" on Neo4j${at} is not online.`);
  }
  if (code === 'Neo.ClientError.Statement.AccessMode' || code.startsWith('Neo.ClientError.Security.Forbidden')) {
    return make('forbidden', `Neo4j${at} refused the query: ${raw.split('\n')[0]}`);
  }
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || /ECONNREFUSED|ECONNRESET|EPIPE|WebSocket|connection.*(closed|lost)|Connection acquisition timed out/i.test(raw)) {
    return where.connected
      ? make('server-gone', `The connection to Neo4j${at} was lost (the server stopped or the network failed).`)
      : make(
          'unreachable',
          `Could not connect to Neo4j${at}: nothing answered. Check that the server runs, the host and Bolt port (usually 7687), ` +
            'and, from an https page, that the server offers encrypted Bolt (bolt+s://).',
        );
  }
  if (code.startsWith('Neo.ClientError.')) {
    return make('query', `Neo4j${at} rejected a statement: ${raw.split('\n')[0]}`);
  }
  return make('unknown', `Neo4j${at} failed: ${raw.split('\n')[0]}`);
}
