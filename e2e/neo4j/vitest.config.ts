/**
 * The Neo4j tests (`npm run test:neo4j`): a real Neo4j, started once by global-setup.ts. Their files
 * end in `.neo4j.ts`, so the ordinary unit run (`src/**\/*.test.ts`) never picks them up.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['src/core/neo4j/**/*.neo4j.ts'],
    globalSetup: ['e2e/neo4j/global-setup.ts'],
    // One database on Community: the files take turns with it.
    fileParallelism: false,
    // The browser build of neo4j-driver talks Bolt over WebSocket; Node 20 has WebSocket behind this flag.
    execArgv: ['--experimental-websocket'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
