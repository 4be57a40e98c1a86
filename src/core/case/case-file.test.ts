import { beforeAll, describe, expect, it } from 'vitest';
import { memorySource } from '../evtx';
import { SECURITY_SCHEMAS, writeToMemory } from '../evtx/writer';
import { createScenario } from '../generator';
import type { LogonBranchEvent } from '../logon';
import { CaseAccumulator } from './accumulator';
import { decodeCaseFile, encodeCaseFile, looksLikeCaseFile } from './case-file';
import { importSources } from './import';
import { type CaseSnapshot, NotACaseError, restore, snapshot } from './snapshot';

const HOSTILE = ['o"brien', '__proto__', 'constructor', 'line\nbreak\r\n', "=cmd|' /C calc'!A0", '<script>alert(1)</script>', 'tab\tnul\u0000end', 'rtl\u202Eexe', 'emoji\u{1F600}', '\\"}]'];

function hostileLogon(user: string, i: number): LogonBranchEvent {
  return {
    eventId: 4624, recordId: 900_000 + i, time: Date.UTC(2024, 2, 4, 10, i), kind: 'logon', user, host: `h-${user}`, ip: null, hostname: user,
    domain: user, sid: `S-1-5-21-${i}`, logonType: 3, status: null, authPackage: user,
  };
}

let acc: CaseAccumulator;
let snap: CaseSnapshot;
let file: Uint8Array;

beforeAll(async () => {
  // A generated domain with hostile names, written as EVTX and imported as the page imports it.
  const scenario = createScenario({ seed: 7, users: 30, workstations: 12, servers: 2, domainControllers: 1, days: 2, start: '2024-03-04', hostile: true, attacks: ['dcsync', 'dcshadow', 'password-spraying', 'new-domain-admin', 'log-clearing'], eventIds: [...SECURITY_SCHEMAS.keys()] });
  const bytes = await writeToMemory(scenario.events());
  acc = new CaseAccumulator({ tzHours: 9, from: null, to: null });
  await importSources(acc, [memorySource(bytes, 'gen "hostile".evtx')], { now: () => 1_700_000_000_000 });
  const extra = acc.addSource({ name: '__proto__\n=cmd|x!A0.evtx', size: 1, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: 0 });
  HOSTILE.forEach((name, i) => acc.add(hostileLogon(name, i), name, extra));
  acc.add({ eventId: 4672, recordId: 1, time: Date.UTC(2024, 2, 4), kind: 'privileged', user: '__proto__' }, 'x', extra);
  // A learnt model is kept with the case (the lead's snapshot field): it round-trips too.
  acc.hmmModel = { startProb: [0.5, 0.5], transMat: [[0.9, 0.1], [0.2, 0.8]], emissionProb: [[0.2, 0.2, 0.2, 0.2, 0.2], [0.1, 0.1, 0.1, 0.1, 0.6]] };
  snap = snapshot(acc);
  file = encodeCaseFile(snap);
}, 120_000);

describe('case file', () => {
  it('round-trips a generated case exactly', () => {
    expect(acc.logonCount).toBeGreaterThan(300);
    expect(looksLikeCaseFile(file)).toBe(true);
    const back = decodeCaseFile(file);
    expect(back).toEqual(snap);
    expect(back.hmmModel).toEqual(acc.hmmModel);
    // And the restored case is the same case (restore → snapshot again).
    expect(snapshot(restore(back))).toEqual(snap);
  });

  it('keeps hostile names verbatim', () => {
    const back = decodeCaseFile(file);
    for (const name of HOSTILE) {
      expect(back.users).toContain(name);
      expect(back.hosts).toContain(`h-${name}`);
    }
    expect(back.sources.at(-1)!.name).toBe('__proto__\n=cmd|x!A0.evtx');
    expect(back.sources[0]!.name).toBe('gen "hostile".evtx');
    expect(back.admins.some((a) => a.user === '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(back.admins[0])).toBe(Object.prototype);
    // The generator's own hostile payloads came through too.
    expect(back.users.some((u) => u.includes('<script>') || u.includes('cmd|'))).toBe(true);
  });

  it('starts with a magic line, a JSON header, and 8-aligned columns', () => {
    const nl = file.indexOf(0x0a);
    const line = new TextDecoder().decode(file.subarray(0, nl));
    expect(line).toMatch(/^LOGONLENS-CASE 1 \d+$/);
    const headerLength = Number(line.split(' ')[2]);
    const header = JSON.parse(new TextDecoder().decode(file.subarray(nl + 1, nl + 1 + headerLength)));
    expect(header.columns.time).toEqual({ type: 'Float64Array', byteOffset: 0, length: acc.logonCount });
    for (const c of Object.values(header.columns) as { byteOffset: number }[]) expect(c.byteOffset % 8).toBe(0);
    expect(file.length % 8).toBe(0);
  });

  it('decodes from an unaligned view too', () => {
    const shifted = new Uint8Array(file.length + 3);
    shifted.set(file, 3);
    expect(decodeCaseFile(shifted.subarray(3))).toEqual(snap);
  });

  it('an empty case round-trips', () => {
    const empty = snapshot(new CaseAccumulator({ tzHours: 0, from: 1, to: 2 }));
    expect(decodeCaseFile(encodeCaseFile(empty))).toEqual(empty);
  });
});

describe('damaged or foreign files are refused with NotACaseError', () => {
  const refuse = (bytes: Uint8Array, message: RegExp) => {
    let error: unknown;
    try {
      decodeCaseFile(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotACaseError);
    expect((error as Error).message).toMatch(message);
  };
  const text = (s: string) => new TextEncoder().encode(s);
  /** The file with its JSON header replaced by `edit(header)`. */
  const withHeader = (edit: (h: Record<string, unknown>) => unknown) => {
    const nl = file.indexOf(0x0a);
    const len = Number(new TextDecoder().decode(file.subarray(0, nl)).split(' ')[2]);
    const h = JSON.parse(new TextDecoder().decode(file.subarray(nl + 1, nl + 1 + len)));
    const edited = text(JSON.stringify(edit(h) ?? h));
    const magic = text(`LOGONLENS-CASE 1 ${edited.length}\n`);
    const start = Math.ceil((magic.length + edited.length + 1) / 8) * 8;
    const oldStart = Math.ceil((nl + 1 + len + 1) / 8) * 8;
    const out = new Uint8Array(start + file.length - oldStart);
    out.set(magic);
    out.set(edited, magic.length);
    out[magic.length + edited.length] = 0x0a;
    out.set(file.subarray(oldStart), start);
    return out;
  };

  it('the unedited header rebuilds the same file (the helper itself is right)', () => {
    expect(decodeCaseFile(withHeader(() => undefined))).toEqual(snap);
  });

  it('empty, random bytes, JSON, an EVTX file', () => {
    refuse(new Uint8Array(0), /empty/);
    const random = new Uint8Array(4096);
    for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
    refuse(random, /no "LOGONLENS-CASE" signature/);
    refuse(text(JSON.stringify(snap)), /JSON file/);
    refuse(text('  [1,2]'), /JSON file/);
    refuse(text('ElfFile\u0000'), /signature/);
  });

  it('truncated anywhere, or with bytes appended', () => {
    for (const cut of [10, 17, 30, file.indexOf(0x0a) + 100, Math.floor(file.length / 2), file.length - 8, file.length - 1]) {
      refuse(file.subarray(0, cut), /truncated|unreadable first line|header/);
    }
    const longer = new Uint8Array(file.length + 8);
    longer.set(file);
    refuse(longer, /unexpected bytes after the end/);
  });

  it('a newer version, a bad first line, a header that is not JSON', () => {
    refuse(text('LOGONLENS-CASE 2 10\n{}'), /format version 2/);
    refuse(text('LOGONLENS-CASE one\n'), /unreadable first line/);
    refuse(text('LOGONLENS-CASE 1 5\n{{{{{\n'), /not valid JSON/);
    refuse(withHeader((h) => ({ ...h, version: 2 })), /version 2 snapshot/);
    refuse(withHeader((h) => ({ ...h, format: 'other' })), /format/);
  });

  it('wrong types, lengths and offsets in the header', () => {
    refuse(withHeader((h) => ({ ...h, users: 'alice' })), /users is not a list/);
    refuse(withHeader((h) => ({ ...h, users: [...(h['users'] as string[]).slice(0, -1), 5] })), /users\[\d+\] is not a string/);
    refuse(withHeader((h) => ({ ...h, options: { tzHours: 'x', from: null, to: null } })), /options.tzHours/);
    refuse(withHeader((h) => ({ ...h, seen: [['dc', [5, 1]]] })), /seen\[0\]\[1\] is not sorted/);
    refuse(withHeader((h) => ({ ...h, sources: [{ name: 'a' }] })), /sources\[0\].size/);
    refuse(withHeader((h) => ({ ...h, hmmModel: { startProb: [2], transMat: [[1]], emissionProb: [[1]] } })), /hmmModel is not a valid model/);
    expect(decodeCaseFile(withHeader((h) => ({ ...h, hmmModel: undefined }))).hmmModel).toBeNull();
    const col = (edit: (c: Record<string, { type: string; byteOffset: number; length: number }>) => void) =>
      withHeader((h) => {
        const c = structuredClone(h['columns']) as Record<string, { type: string; byteOffset: number; length: number }>;
        edit(c);
        return { ...h, columns: c };
      });
    refuse(col((c) => (c['user']!.type = 'Float64Array')), /column user is Float64Array/);
    refuse(col((c) => (c['host']!.length -= 1)), /column host has/);
    refuse(col((c) => (c['code']!.byteOffset += 8)), /column code is not where it belongs/);
    refuse(col((c) => delete c['source']), /columns.source is not an object/);
  });

  it('indices outside their tables (a file edited by hand)', () => {
    refuse(withHeader((h) => ({ ...h, users: (h['users'] as string[]).slice(0, 1) })), /has user \d+, outside its table of 1/);
    refuse(withHeader((h) => ({ ...h, sources: [] })), /has source 0, outside its table of 0/);
  });
});
