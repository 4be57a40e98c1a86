/**
 * Starts the in-process Neo4j launcher (Neo4jLauncher.java, Neo4j Community 5.26 from Maven Central)
 * for the Neo4j tests and the bench, or hands out an external server named by environment variables:
 *
 *   LOGONLENS_NEO4J_URL=bolt://host:7687 LOGONLENS_NEO4J_USER=neo4j LOGONLENS_NEO4J_PASSWORD=… \
 *   [LOGONLENS_NEO4J_DATABASE=neo4j] npm run test:neo4j
 *
 * The tests EMPTY that database. Run directly (`npx tsx e2e/neo4j/server.ts`) it starts a server and
 * prints its URL until Ctrl-C.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const CLASSES = join(HERE, 'target/classes');
const CLASS_FILE = join(CLASSES, 'logonlens/Neo4jLauncher.class');
const CLASSPATH_FILE = join(HERE, 'target/classpath.txt');
const SOURCES = [join(HERE, 'pom.xml'), join(HERE, 'src/main/java/logonlens/Neo4jLauncher.java')];

export const DEFAULT_PASSWORD = 'logonlens-test'; // Neo4j wants at least 8 characters

export interface Neo4jEndpoint {
  url: string;
  user: string;
  password: string;
  /** Undefined: the server's default database. */
  database?: string;
  /** True when it came from LOGONLENS_NEO4J_URL: the tests cannot stop or restart it. */
  external: boolean;
}

export interface Neo4jServer extends Neo4jEndpoint {
  /** Clean shutdown (closes the launcher's stdin); resolves when the JVM has exited. */
  stop(): Promise<void>;
  /** Abrupt end (SIGKILL), as a crash or a pulled plug. */
  kill(): Promise<void>;
  /** Milliseconds from spawn to READY. */
  startMs: number;
}

export function externalEndpoint(env: NodeJS.ProcessEnv = process.env): Neo4jEndpoint | null {
  const url = env.LOGONLENS_NEO4J_URL;
  if (!url) return null;
  return {
    url,
    user: env.LOGONLENS_NEO4J_USER ?? 'neo4j',
    password: env.LOGONLENS_NEO4J_PASSWORD ?? '',
    database: env.LOGONLENS_NEO4J_DATABASE || undefined,
    external: true,
  };
}

function mtime(p: string): number {
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

/** Compiles the launcher with Maven unless target/ is newer than its sources; returns the classpath. */
export function buildLauncher(): string {
  const upToDate =
    mtime(CLASS_FILE) >= Math.max(...SOURCES.map(mtime)) &&
    mtime(CLASSPATH_FILE) >= mtime(SOURCES[0]!) &&
    readFileSync(CLASSPATH_FILE, 'utf8').trim().split(':').every((jar) => existsSync(jar));
  if (!upToDate) {
    // -q -B: quiet, no colours or download progress; the first run downloads ~160 MB into ~/.m2.
    const r = spawnSync('mvn', ['-q', '-B', 'compile'], { cwd: HERE, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.error) throw new Error(`Cannot run Maven (mvn) to build the Neo4j launcher: ${r.error.message}. Install maven and a JDK 17+, or set LOGONLENS_NEO4J_URL.`);
    if (r.status !== 0) throw new Error(`Building the Neo4j launcher failed (mvn exit ${r.status}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  }
  return `${CLASSES}:${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
}

/** The JVM flags a Neo4j server passes itself (reflective access the page cache and Netty want), plus memory. */
function javaOptions(): string[] {
  const extra = process.env.LOGONLENS_NEO4J_JAVA_OPTS?.split(/\s+/).filter(Boolean) ?? ['-Xms512m', '-Xmx3g'];
  return [
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-XX:+UseG1GC',
    ...extra,
  ];
}

export interface StartOptions {
  /** 0 (default): any free port. */
  port?: number;
  password?: string;
  /** A Neo4j home to open and keep (with data/databases/…); default a temp dir deleted at stop. */
  home?: string;
  timeoutMs?: number;
}

export async function startNeo4j(options: StartOptions = {}): Promise<Neo4jServer> {
  const classpath = buildLauncher();
  const password = options.password ?? DEFAULT_PASSWORD;
  const args = [...javaOptions(), '-cp', classpath, 'logonlens.Neo4jLauncher', '--port', String(options.port ?? 0), '--password', password, '--exit-on-stdin-close'];
  if (options.home) args.push('--home', options.home);
  const started = Date.now();
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (l) => {
    stderr.push(l);
    if (stderr.length > 60) stderr.shift();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not start within ${options.timeoutMs ?? 120_000} ms:\n${stderr.join('\n')}`));
    }, options.timeoutMs ?? 120_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = /^NEO4J READY (bolt:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`Cannot run java for the Neo4j launcher: ${e.message}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j launcher exited (${code}) before it was ready:\n${stderr.join('\n')}`));
    });
  });
  const startMs = Date.now() - started;

  const waitExit = async (p: ChildProcess, graceMs: number) => {
    const t = setTimeout(() => p.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(t);
  };
  return {
    url,
    user: 'neo4j',
    password,
    external: false,
    startMs,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end(); // the launcher exits on end of input, running its shutdown hook
      await waitExit(child, 30_000);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/**
 * Migrates a Neo4j 4.x store in `home` (data/databases/…, data/transactions/…) to 5.26's format with
 * Neo4j's own `neo4j-admin database migrate`, BTREE indexes turned into RANGE ones (5.x has no BTREE).
 */
export function migrateStore(home: string): string {
  const classpath = buildLauncher();
  mkdirSync(join(home, 'conf'), { recursive: true });
  if (!existsSync(join(home, 'conf/neo4j.conf'))) writeFileSync(join(home, 'conf/neo4j.conf'), '');
  const r = spawnSync('java', [...javaOptions(), '-cp', classpath, 'org.neo4j.cli.AdminTool', 'database', 'migrate', '--force-btree-indexes-to-range', '*'], {
    env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(home, 'conf') },
    encoding: 'utf8',
  });
  const out = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`neo4j-admin database migrate failed (exit ${r.status}):\n${out.slice(-4000)}`);
  return out;
}

/** The server the tests use: the external one if LOGONLENS_NEO4J_URL is set, else a fresh launcher. */
export async function neo4jForTests(): Promise<Neo4jServer> {
  const ext = externalEndpoint();
  if (ext) return { ...ext, startMs: 0, stop: async () => undefined, kill: async () => undefined };
  return startNeo4j();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const s = await startNeo4j({ port: Number(process.env.PORT ?? 7687) });
  console.log(`Neo4j ${s.url} user ${s.user} password ${s.password} (started in ${s.startMs} ms); Ctrl-C stops it.`);
  process.once('SIGINT', () => void s.stop().then(() => process.exit(0)));
}
