import { decodeCaseFile, encodeCaseFile } from '../case/case-file';
import { CaseAccumulator } from '../case/accumulator';
import type { CaseOptions } from '../case/facts';
import { type CaseSnapshot, snapshot as snapshotOf } from '../case/snapshot';
import { CaseDatabase } from './db';
import { CaseConflictError, CaseNotFoundError, storageError } from './errors';
import { type CaseCounts, type CaseMeta, cleanCaseName, contentMeta } from './meta';

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export interface CommitExtra {
  /** Counts from the analysis of this snapshot (shown in the list without analysing). */
  counts: CaseCounts | null;
  /** The revision the snapshot was built from; the commit is refused if the case moved on. */
  expectedRevision?: number;
}

/**
 * The cases kept in this browser (IndexedDB through Dexie; works in a worker). Every change is one
 * readwrite transaction: a case is its meta and its snapshot, both or neither, so a failure (quota,
 * a closed tab, a crash) leaves the previous version whole.
 */
export class CaseStore {
  readonly db: CaseDatabase;

  constructor(db: CaseDatabase = new CaseDatabase()) {
    this.db = db;
  }

  /** Every case, most recently changed first (meta only: fast however big the cases are). */
  async list(): Promise<CaseMeta[]> {
    return this.db.cases.orderBy('updatedAt').reverse().toArray();
  }

  async get(id: string): Promise<CaseMeta> {
    const meta = await this.db.cases.get(id);
    if (!meta) throw new CaseNotFoundError(id);
    return meta;
  }

  /** A new empty case. */
  async create(name: string, options: CaseOptions): Promise<CaseMeta> {
    const clean = cleanCaseName(name);
    const empty = snapshotOf(new CaseAccumulator(options));
    return this.insert(clean, empty, null);
  }

  /** A new case holding `snapshot` (an imported case file). */
  async insert(name: string, snapshot: CaseSnapshot, counts: CaseCounts | null): Promise<CaseMeta> {
    const bytes = encodeCaseFile(snapshot);
    const now = Date.now();
    const meta: CaseMeta = { id: newId(), name: cleanCaseName(name), createdAt: now, updatedAt: now, revision: 1, counts, ...contentMeta(snapshot, bytes.length) };
    try {
      await this.db.transaction('rw', this.db.cases, this.db.snapshots, async () => {
        await this.db.snapshots.add({ id: meta.id, bytes });
        await this.db.cases.add(meta);
      });
    } catch (e) {
      throw storageError(e, `the case "${meta.name}"`);
    }
    return meta;
  }

  async rename(id: string, name: string): Promise<CaseMeta> {
    const clean = cleanCaseName(name);
    try {
      return await this.db.transaction('rw', this.db.cases, async () => {
        const meta = await this.db.cases.get(id);
        if (!meta) throw new CaseNotFoundError(id);
        const renamed = { ...meta, name: clean };
        await this.db.cases.put(renamed);
        return renamed;
      });
    } catch (e) {
      throw storageError(e, `the new name of the case`);
    }
  }

  /** Deletes the case (meta and snapshot together). Deleting a missing case is not an error. */
  async remove(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.cases, this.db.snapshots, async () => {
      await this.db.snapshots.delete(id);
      await this.db.cases.delete(id);
    });
  }

  /** The stored case file's bytes (what an export writes). */
  async loadFile(id: string): Promise<Uint8Array> {
    const row = await this.db.snapshots.get(id);
    if (!row) throw new CaseNotFoundError(id);
    return row.bytes;
  }

  /** The stored snapshot, with the meta it goes with (read in one transaction: they match). */
  async load(id: string): Promise<{ meta: CaseMeta; snapshot: CaseSnapshot }> {
    const { meta, row } = await this.db.transaction('r', this.db.cases, this.db.snapshots, async () => ({
      meta: await this.db.cases.get(id),
      row: await this.db.snapshots.get(id),
    }));
    if (!meta || !row) throw new CaseNotFoundError(id);
    return { meta, snapshot: decodeCaseFile(row.bytes) };
  }

  /**
   * Replaces the case's content with `snapshot`, in one transaction over meta and snapshot: if the
   * case was deleted or (with expectedRevision) changed meanwhile, or the write fails (quota), the
   * stored case stays exactly as it was.
   */
  async commit(id: string, snapshot: CaseSnapshot, extra: CommitExtra): Promise<CaseMeta> {
    // Encoded before the transaction: an IndexedDB transaction commits itself when left idle.
    const bytes = encodeCaseFile(snapshot);
    let name = 'the case';
    try {
      return await this.db.transaction('rw', this.db.cases, this.db.snapshots, async () => {
        const current = await this.db.cases.get(id);
        if (!current) throw new CaseNotFoundError(id);
        name = `the case "${current.name}"`;
        if (extra.expectedRevision !== undefined && current.revision !== extra.expectedRevision) throw new CaseConflictError(current.name);
        const meta: CaseMeta = { ...current, ...contentMeta(snapshot, bytes.length), counts: extra.counts, revision: current.revision + 1, updatedAt: Math.max(Date.now(), current.updatedAt + 1) };
        await this.db.snapshots.put({ id, bytes });
        await this.db.cases.put(meta);
        return meta;
      });
    } catch (e) {
      throw storageError(e, name);
    }
  }

  close(): void {
    this.db.close();
  }
}
