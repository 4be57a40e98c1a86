/**
 * Vitest global setup for the Neo4j tests: one server for the whole run (the launcher, or the one
 * LOGONLENS_NEO4J_URL names), handed to the test files through `inject('neo4j')`.
 */
import type { TestProject } from 'vitest/node';
import { neo4jForTests, type Neo4jEndpoint } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jEndpoint & { startMs: number };
  }
}

export default async function setup(project: TestProject) {
  const server = await neo4jForTests();
  const { url, user, password, database, external, startMs } = server;
  console.log(external ? `Neo4j tests against ${url} (external; its database is emptied)` : `Neo4j launcher ready at ${url} in ${startMs} ms`);
  project.provide('neo4j', { url, user, password, database, external, startMs });
  return async () => {
    await server.stop();
  };
}
