/** Drivers for the Neo4j tests, on the server global-setup.ts started (or the external one). */
import neo4j, { type Driver } from 'neo4j-driver';
import { inject } from 'vitest';

export function endpoint() {
  return inject('neo4j');
}

export function testDriver(overrides: { url?: string; password?: string } = {}): Driver {
  const ep = endpoint();
  return neo4j.driver(overrides.url ?? ep.url, neo4j.auth.basic(ep.user, overrides.password ?? ep.password), {
    // Fail fast in tests that expect a failure; the defaults wait 30 s and more.
    connectionTimeout: 10_000,
  });
}
