/**
 * Push bench: a generated case of one million Event edges (5,000 users, 2,000 hosts) pushed with
 * pushGraph into the launcher's Neo4j (or LOGONLENS_NEO4J_URL, whose database it EMPTIES).
 *
 *   npx tsx bench/neo4j-push.ts [--events N] [--batch N] [--mode replace|merge]
 */
import neo4j from 'neo4j-driver';
import { neo4jForTests } from '../e2e/neo4j/server.ts';
import { pullGraph } from '../src/core/neo4j/pull.ts';
import { pushGraph } from '../src/core/neo4j/push.ts';
import { generatedGraph } from '../src/core/neo4j/testgraph.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};
const events = Number(arg('events', '1000000'));
const batchSize = Number(arg('batch', '10000'));
const mode = arg('mode', 'replace') as 'replace' | 'merge';

const server = await neo4jForTests();
console.log(`Neo4j ${server.url}${server.external ? ' (external)' : ` started in ${server.startMs} ms`}`);
const driver = neo4j.driver(server.url, neo4j.auth.basic(server.user, server.password));
try {
  const g = generatedGraph(events);
  console.log(`case: ${g.users.length} users, ${g.hosts.length} hosts, ${g.events.length.toLocaleString('en-US')} events; mode ${mode}, batch ${batchSize}`);
  let lastPrint = 0;
  const t0 = performance.now();
  const report = await pushGraph(driver, g, {
    database: server.database,
    mode,
    batchSize,
    onProgress: (p) => {
      if (p.report.committed.events - lastPrint >= 100_000) {
        lastPrint = p.report.committed.events;
        const s = (performance.now() - t0) / 1000;
        console.log(`  ${lastPrint.toLocaleString('en-US')} events at ${s.toFixed(1)} s`);
      }
    },
  });
  const pushS = (performance.now() - t0) / 1000;
  const rows = Object.values(report.committed).reduce((a, b) => a + b, 0);
  console.log(`push: ${pushS.toFixed(1)} s, ${Math.round(events / pushS).toLocaleString('en-US')} edges/s (${rows.toLocaleString('en-US')} rows in all)`);
  const t1 = performance.now();
  const back = await pullGraph(driver, { database: server.database });
  const pullS = (performance.now() - t1) / 1000;
  console.log(`pull: ${pullS.toFixed(1)} s, ${Math.round(back.events.length / pullS).toLocaleString('en-US')} edges/s (${back.events.length.toLocaleString('en-US')} events)`);
  if (back.events.length !== events) throw new Error(`pulled ${back.events.length} events, pushed ${events}`);
} finally {
  await driver.close();
  await server.stop();
}
