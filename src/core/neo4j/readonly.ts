/**
 * Runs Cypher typed by the analyst (the future console) without letting it change the database.
 * Two locks, neither a regular expression over the text:
 * 1. `EXPLAIN` first: the server plans the query without running it and says its type in the summary:
 *    `r` (read only), `rw` (read and write), `w` (write only), `s` (schema: indexes, constraints).
 *    Anything but `r` is refused before it runs.
 * 2. The query then runs in a READ transaction (`executeRead`), which the server itself refuses to
 *    write in, should the plan have lied (a write procedure declared as read, say).
 */
import type { Driver, QueryResult, RecordShape } from 'neo4j-driver';
import { classifyNeo4jError, Neo4jSyncError } from './errors.ts';

export interface ReadOnlyOptions {
  database?: string;
  /** Rows kept (default 10,000); the rest is discarded and `truncated` set. */
  maxRows?: number;
  url?: string;
}

export interface ReadOnlyResult {
  keys: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
  /** The query type the server reported for the plan: always 'r' here. */
  queryType: string;
}

const TYPE_NAMES: Record<string, string> = { rw: 'reads and writes', w: 'writes', s: 'changes the schema' };

export async function runReadOnly(driver: Driver, query: string, params: Record<string, unknown> = {}, options: ReadOnlyOptions = {}): Promise<ReadOnlyResult> {
  const { database } = options;
  const maxRows = options.maxRows ?? 10_000;
  const session = driver.session({ database, defaultAccessMode: 'READ' });
  let connected = false;
  try {
    const plan: QueryResult<RecordShape> = await session.executeRead((tx) => tx.run(`EXPLAIN ${query}`, params));
    connected = true;
    const queryType = String(plan.summary.queryType);
    if (queryType !== 'r') {
      throw new Neo4jSyncError(
        'forbidden',
        `This console only reads: the query ${TYPE_NAMES[queryType] ?? `is of type "${queryType}"`}, so it was not run.`,
        `EXPLAIN query type ${queryType}`,
      );
    }
    return await session.executeRead(async (tx) => {
      const rows: Record<string, unknown>[] = [];
      let keys: string[] = [];
      let truncated = false;
      const result = tx.run(query, params);
      keys = (await result.keys()) as string[];
      for await (const record of result) {
        if (rows.length >= maxRows) {
          truncated = true;
          break; // leaving the loop discards the rest of the stream
        }
        rows.push(record.toObject() as Record<string, unknown>);
      }
      return { keys, rows, truncated, queryType };
    });
  } catch (e) {
    throw classifyNeo4jError(e, { url: options.url, database, connected });
  } finally {
    await session.close().catch(() => undefined);
  }
}
