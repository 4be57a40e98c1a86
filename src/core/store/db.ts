import { Dexie, type EntityTable } from 'dexie';
import type { CaseMeta } from './meta';

/** A stored case file (the .llcase bytes: see case/case-file.ts), one row per case. */
export interface SnapshotRow {
  id: string;
  bytes: Uint8Array;
}

/**
 * The IndexedDB database. Meta and snapshot live in separate tables so that listing cases reads a
 * few hundred bytes per case, never its events; both are written in one transaction.
 */
export class CaseDatabase extends Dexie {
  cases!: EntityTable<CaseMeta, 'id'>;
  snapshots!: EntityTable<SnapshotRow, 'id'>;

  constructor(name = 'logonlens-cases', deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, deps);
    this.version(1).stores({ cases: 'id, updatedAt', snapshots: 'id' });
  }
}
