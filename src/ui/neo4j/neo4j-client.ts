import * as Comlink from 'comlink';
import type { Neo4jConnection } from '../../core/neo4j/credentials';
import type { PushProgress } from '../../core/neo4j/push';
import type { Neo4jWorkerApi, ServerInfo } from '../../../workers/neo4j-api';

/** The page's handle on the Neo4j worker, with progress callbacks proxied and graph bytes transferred. */
export type Neo4jClient = Neo4jWorkerApi;

let client: Neo4jClient | null = null;

/** One Neo4j worker per page, started when the Neo4j view is first shown. */
export function neo4jClient(): Neo4jClient {
  if (client) return client;
  const worker = new Worker(new URL('../../../workers/neo4j.worker.ts', import.meta.url), { type: 'module', name: 'neo4j' });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    console.error('neo4j worker failed', e.message);
  });
  const remote = Comlink.wrap<Neo4jWorkerApi>(worker);
  client = {
    connect: (settings) => remote.connect(settings),
    disconnect: () => remote.disconnect(),
    push: (graph, options, onProgress: (p: PushProgress) => void) =>
      remote.push(graph instanceof Uint8Array ? Comlink.transfer(graph, [graph.buffer as ArrayBuffer]) : graph, options, Comlink.proxy(onProgress)),
    cancelPush: () => remote.cancelPush(),
    pull: () => remote.pull(),
    query: (text, maxRows) => remote.query(text, maxRows),
  };
  return client;
}

/**
 * What the view keeps while the page lives (switching views unmounts it): the settings typed, never
 * stored unless the analyst asks (see credentials.ts), and the server connected to.
 */
export const session: { settings: Neo4jConnection; server: ServerInfo | null; query: string } = {
  settings: { url: 'bolt://localhost:7687', user: 'neo4j', password: '', database: '' },
  server: null,
  query: 'MATCH (h:IPAddress)-[e:Event]->(u:Username) RETURN h, e, u LIMIT 50',
};
