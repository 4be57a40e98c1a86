/**
 * Neo4j connection settings, and how they are kept when the analyst asks the page to remember them:
 * encrypted with a passphrase (WebCrypto only: PBKDF2-SHA-256 → AES-256-GCM, a random salt and IV
 * each time). Without "remember", nothing is stored: the settings live in the page's memory.
 *
 * What this protects against, plainly: someone reading the browser's storage (a copied profile, a
 * backup) without the passphrase. It does not protect against script running in the page, or a weak
 * passphrase (PBKDF2 slows guessing down, it does not stop it). DOM-free: runs in Node for the tests
 * (globalThis.crypto).
 */

/** The URL schemes neo4j-driver accepts that make sense from a page (`+ssc` is never offered). */
export const NEO4J_SCHEMES = ['bolt', 'neo4j', 'bolt+s', 'neo4j+s'] as const;
export type Neo4jScheme = (typeof NEO4J_SCHEMES)[number];

export interface Neo4jConnection {
  url: string;
  user: string;
  password: string;
  /** Empty: the server's default database. */
  database: string;
}

export interface ParsedNeo4jUrl {
  url: string;
  scheme: Neo4jScheme;
  host: string;
  port: number;
  encrypted: boolean;
}

/** Checks a Neo4j URL; returns it parsed, or a sentence saying what is wrong. */
export function parseNeo4jUrl(text: string): ParsedNeo4jUrl | string {
  const t = text.trim();
  const m = /^([a-z0-9+]+):\/\/([^/?#]*)\/?$/i.exec(t);
  if (!m) return 'The URL must look like bolt://host:7687 (or neo4j://, bolt+s://, neo4j+s://).';
  const scheme = m[1]!.toLowerCase();
  if (!(NEO4J_SCHEMES as readonly string[]).includes(scheme)) return `The scheme "${scheme}://" is not offered: use bolt://, neo4j://, bolt+s:// or neo4j+s://.`;
  const hostPort = /^(\[[0-9a-f:.]+\]|[^:@\s[\]]+)(?::(\d{1,5}))?$/i.exec(m[2]!);
  if (!hostPort) return 'The URL has no valid host (bolt://host:7687).';
  const port = hostPort[2] === undefined ? 7687 : Number(hostPort[2]);
  if (port < 1 || port > 65535) return `The port ${hostPort[2]} is out of range.`;
  return { url: `${scheme}://${hostPort[1]}:${port}`, scheme: scheme as Neo4jScheme, host: hostPort[1]!, port, encrypted: scheme.endsWith('+s') };
}

/** Why a connection may be blocked by the browser before it reaches the server, or '' (for a warning). */
export function pageWarning(url: ParsedNeo4jUrl, pageProtocol: string): string {
  if (pageProtocol === 'https:' && !url.encrypted) {
    return 'This page is served over https, so the browser only allows encrypted Bolt: use bolt+s:// or neo4j+s:// (a plain bolt:// connection will be blocked).';
  }
  return '';
}

// ---- Remembered credentials ----

export const VAULT_FORMAT = 'logonlens-neo4j-credentials';
export const DEFAULT_ITERATIONS = 600_000; // OWASP's 2023 figure for PBKDF2-HMAC-SHA256

export interface SealedCredentials {
  format: typeof VAULT_FORMAT;
  version: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** Base64. */
  salt: string;
  iv: string;
  ciphertext: string;
}

export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
}

function subtle(): SubtleCrypto {
  const c = globalThis.crypto;
  if (!c?.subtle) throw new Error('This browser has no WebCrypto (it needs a secure context: https or localhost), so credentials cannot be remembered.');
  return c.subtle;
}

const toB64 = (bytes: Uint8Array) => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
};
const fromB64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
// The header is bound to the ciphertext (AES-GCM additional data): changing the iteration count fails.
const aad = (iterations: number) => new TextEncoder().encode(`${VAULT_FORMAT}/1/PBKDF2-SHA-256/${iterations}`);

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number, usage: KeyUsage): Promise<CryptoKey> {
  const base = await subtle().importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, base, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

export async function sealCredentials(c: Neo4jConnection, passphrase: string, options: { iterations?: number } = {}): Promise<SealedCredentials> {
  if (passphrase.length === 0) throw new RangeError('A passphrase is needed to remember the credentials.');
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, iterations, 'encrypt');
  const plain = new TextEncoder().encode(JSON.stringify({ url: c.url, user: c.user, password: c.password, database: c.database }));
  const ciphertext = new Uint8Array(await subtle().encrypt({ name: 'AES-GCM', iv: iv as BufferSource, additionalData: aad(iterations) as BufferSource }, key, plain as BufferSource));
  return { format: VAULT_FORMAT, version: 1, kdf: 'PBKDF2-SHA-256', iterations, salt: toB64(salt), iv: toB64(iv), ciphertext: toB64(ciphertext) };
}

/** Decrypts remembered credentials; a wrong passphrase (or altered data) throws WrongPassphraseError. */
export async function openCredentials(sealed: SealedCredentials, passphrase: string): Promise<Neo4jConnection> {
  if (!isSealedCredentials(sealed)) throw new Error('The remembered credentials are not in a format this version reads; forget them and enter them again.');
  const key = await deriveKey(passphrase, fromB64(sealed.salt), sealed.iterations, 'decrypt');
  let plain: ArrayBuffer;
  try {
    plain = await subtle().decrypt({ name: 'AES-GCM', iv: fromB64(sealed.iv) as BufferSource, additionalData: aad(sealed.iterations) as BufferSource }, key, fromB64(sealed.ciphertext) as BufferSource);
  } catch {
    throw new WrongPassphraseError('Wrong passphrase (or the stored credentials were altered).');
  }
  const o = JSON.parse(new TextDecoder().decode(plain)) as Partial<Neo4jConnection>;
  return { url: String(o.url ?? ''), user: String(o.user ?? ''), password: String(o.password ?? ''), database: String(o.database ?? '') };
}

export function isSealedCredentials(v: unknown): v is SealedCredentials {
  const s = v as SealedCredentials | null;
  return (
    !!s &&
    s.format === VAULT_FORMAT &&
    s.version === 1 &&
    s.kdf === 'PBKDF2-SHA-256' &&
    Number.isSafeInteger(s.iterations) &&
    s.iterations >= 100_000 &&
    s.iterations <= 10_000_000 &&
    [s.salt, s.iv, s.ciphertext].every((x) => typeof x === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(x))
  );
}

/** Where sealed credentials are kept (localStorage in the page; a Map in tests). */
export interface VaultStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const VAULT_KEY = 'logonlens.neo4j.credentials';

export function loadSealed(storage: VaultStorage): SealedCredentials | null {
  const text = storage.getItem(VAULT_KEY);
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return isSealedCredentials(v) ? v : null;
  } catch {
    return null;
  }
}

export async function remember(storage: VaultStorage, c: Neo4jConnection, passphrase: string, options: { iterations?: number } = {}): Promise<void> {
  storage.setItem(VAULT_KEY, JSON.stringify(await sealCredentials(c, passphrase, options)));
}

export function forget(storage: VaultStorage): void {
  storage.removeItem(VAULT_KEY);
}
