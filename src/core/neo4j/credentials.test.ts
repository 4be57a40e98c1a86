import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ITERATIONS,
  forget,
  isSealedCredentials,
  loadSealed,
  openCredentials,
  pageWarning,
  parseNeo4jUrl,
  remember,
  sealCredentials,
  VAULT_KEY,
  type ParsedNeo4jUrl,
  type VaultStorage,
  WrongPassphraseError,
} from './credentials';

const conn = { url: 'bolt://db.example:7687', user: 'analyst', password: "pa'ss \"wörd\" 🔑", database: 'cases' };
const fast = { iterations: 100_000 };

function memoryStorage(): VaultStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('remembered credentials (PBKDF2 → AES-GCM)', () => {
  it('seal then open gives the settings back; the stored form holds no secret in clear', async () => {
    const sealed = await sealCredentials(conn, 'correct horse', fast);
    expect(isSealedCredentials(sealed)).toBe(true);
    const text = JSON.stringify(sealed);
    for (const secret of [conn.password, conn.user, 'db.example', 'cases']) expect(text).not.toContain(secret);
    expect(await openCredentials(sealed, 'correct horse')).toEqual(conn);
  });

  it('uses a fresh salt and IV each time', async () => {
    const a = await sealCredentials(conn, 'p', fast);
    const b = await sealCredentials(conn, 'p', fast);
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(atob(a.salt)).toHaveLength(16);
    expect(atob(a.iv)).toHaveLength(12);
  });

  it('refuses a wrong passphrase, altered ciphertext, IV or iteration count', async () => {
    const sealed = await sealCredentials(conn, 'right', fast);
    await expect(openCredentials(sealed, 'wrong')).rejects.toBeInstanceOf(WrongPassphraseError);
    const flip = (b64: string) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      bytes[0]! ^= 1;
      return btoa(String.fromCharCode(...bytes));
    };
    await expect(openCredentials({ ...sealed, ciphertext: flip(sealed.ciphertext) }, 'right')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(openCredentials({ ...sealed, iv: flip(sealed.iv) }, 'right')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(openCredentials({ ...sealed, iterations: sealed.iterations + 1 }, 'right')).rejects.toBeInstanceOf(WrongPassphraseError);
    await expect(openCredentials({ ...sealed, iterations: 10 }, 'right')).rejects.toThrow(/format/);
  });

  it('defaults to 600,000 iterations and refuses an empty passphrase', async () => {
    expect(DEFAULT_ITERATIONS).toBe(600_000);
    const sealed = await sealCredentials(conn, 'x');
    expect(sealed.iterations).toBe(600_000);
    expect(await openCredentials(sealed, 'x')).toEqual(conn);
    await expect(sealCredentials(conn, '')).rejects.toThrow(/passphrase/);
  });

  it('remember / load / forget through a storage', async () => {
    const s = memoryStorage();
    expect(loadSealed(s)).toBeNull();
    await remember(s, conn, 'pp', fast);
    expect([...s.map.keys()]).toEqual([VAULT_KEY]);
    const sealed = loadSealed(s)!;
    expect(await openCredentials(sealed, 'pp')).toEqual(conn);
    s.setItem(VAULT_KEY, '{not json');
    expect(loadSealed(s)).toBeNull();
    forget(s);
    expect(s.map.size).toBe(0);
  });
});

describe('Neo4j URLs', () => {
  it.each([
    ['bolt://localhost', 'bolt://localhost:7687', false],
    ['neo4j://10.0.0.5:7688', 'neo4j://10.0.0.5:7688', false],
    ['bolt+s://db.example.org:443/', 'bolt+s://db.example.org:443', true],
    ['NEO4J+S://db', 'neo4j+s://db:7687', true],
    ['bolt://[::1]:7687', 'bolt://[::1]:7687', false],
  ])('%s', (text, url, encrypted) => {
    expect(parseNeo4jUrl(text)).toMatchObject({ url, encrypted });
  });

  it.each(['http://localhost:7474', 'bolt+ssc://x', 'localhost:7687', 'bolt://', 'bolt://h:99999', 'bolt://h/db', 'bolt://u:p@h'])('refuses %s', (text) => {
    expect(typeof parseNeo4jUrl(text)).toBe('string');
  });

  it('warns that an https page needs encrypted Bolt', () => {
    const plain = parseNeo4jUrl('bolt://h') as ParsedNeo4jUrl;
    const tls = parseNeo4jUrl('bolt+s://h') as ParsedNeo4jUrl;
    expect(pageWarning(plain, 'https:')).toMatch(/bolt\+s/);
    expect(pageWarning(tls, 'https:')).toBe('');
    expect(pageWarning(plain, 'http:')).toBe('');
  });
});
