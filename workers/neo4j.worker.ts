/// <reference lib="webworker" />
/**
 * The Neo4j worker: a thin Comlink entry point over neo4j-api.ts. neo4j-driver's browser build (Vite
 * picks it through the package's `browser` field) talks Bolt over WebSocket from here, so a push of
 * a large case never blocks the page.
 */
import * as Comlink from 'comlink';
import neo4j from 'neo4j-driver';
import { createNeo4jApi, type DriverModule } from './neo4j-api';

self.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  console.error('neo4j worker: unhandled rejection', e.reason);
});

Comlink.expose(createNeo4jApi(neo4j as unknown as DriverModule, (value, buffers) => Comlink.transfer(value, buffers)));
