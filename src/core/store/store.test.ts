import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { CaseAccumulator } from '../case/accumulator';
import { snapshot } from '../case/snapshot';
import { isQuotaError, StorageFullError, storageError } from './errors';
import { cleanCaseName, contentMeta } from './meta';

// The store itself needs IndexedDB: it is exercised in Chromium by e2e/cases.spec.ts. Here: the
// pure parts (error mapping, what the list shows).

describe('storage errors', () => {
  it('recognises quota errors in every form they arrive in', () => {
    const dom = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    expect(isQuotaError(dom)).toBe(true);
    expect(isQuotaError(new Dexie.QuotaExceededError('quota'))).toBe(true);
    // A transaction aborted by a failed put: Dexie's AbortError wrapping the DOMException.
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted', dom))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('x', { cause: dom }))).toBe(true);
    expect(isQuotaError(new Dexie.AbortError('Transaction aborted'))).toBe(false);
    expect(isQuotaError(new Error('quota'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('maps them to a clear StorageFullError and leaves others alone', () => {
    const e = storageError(new Dexie.AbortError('aborted', new DOMException('q', 'QuotaExceededError')), 'the case "x"');
    expect(e).toBeInstanceOf(StorageFullError);
    expect((e as Error).message).toMatch(/^Not enough storage space to save the case "x".*kept as it was before/);
    const other = new TypeError('boom');
    expect(storageError(other, 'x')).toBe(other);
  });
});

describe('case meta', () => {
  it('reads counts, span and sources off a snapshot', () => {
    const acc = new CaseAccumulator({ tzHours: 2, from: null, to: null });
    const src = acc.addSource({ name: 'a.evtx', size: 10, records: 0, accepted: 0, duplicates: 0, problems: 0, importedAt: 5 });
    const t = Date.UTC(2024, 0, 1, 10, 30);
    acc.add({ eventId: 4624, recordId: 1, time: t, kind: 'logon', user: 'u', host: 'h', ip: null, hostname: null, domain: null, sid: null, logonType: 3, status: null, authPackage: null }, 'dc', src);
    const m = contentMeta(snapshot(acc), 1234);
    expect(m).toEqual({ options: { tzHours: 2, from: null, to: null }, bytes: 1234, firstHour: Date.UTC(2024, 0, 1, 10), lastHour: Date.UTC(2024, 0, 1, 10), logonEvents: 1, sources: [acc.sources[0]] });
    expect(contentMeta(snapshot(new CaseAccumulator({ tzHours: 0, from: null, to: null })), 1)).toMatchObject({ firstHour: null, lastHour: null, logonEvents: 0, sources: [] });
  });

  it('case names: trimmed, one line, required, bounded; anything else verbatim', () => {
    expect(cleanCaseName('  a\nb  ')).toBe('a b');
    expect(cleanCaseName('=cmd|x!A0 "__proto__"')).toBe('=cmd|x!A0 "__proto__"');
    expect(() => cleanCaseName('  ')).toThrow(/needs a name/);
    expect(() => cleanCaseName('x'.repeat(201))).toThrow(/at most 200/);
  });
});
