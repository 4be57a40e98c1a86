import { Dexie, type EntityTable } from 'dexie';
import type { RejectedRule, RuleFile, ScanCorrelationHit, ScanHit } from '../sigma';
import { storageError } from './errors';

/**
 * Sigma rule packs and Sigma results, in their own IndexedDB database (`logonlens-sigma`), apart
 * from the cases' (`logonlens-cases`, db.ts): rule packs are not case data, and the two schemas
 * change independently.
 */

/** What the pack list shows (no rule texts). */
export interface RulePackMeta {
  id: string;
  name: string;
  importedAt: number;
  /** Where it came from: a zip's name or a folder's. */
  origin: string;
  /** .yml files read. */
  files: number;
  /** Rule documents compiled (detection and correlation rules), refused, and compiled but not for Windows event logs. */
  rules: number;
  correlations: number;
  rejected: number;
  inactive: number;
  /** Up to 500 refused or inactive rules with why. */
  problems: RejectedRule[];
  bytes: number;
}

export interface RulePackFiles {
  id: string;
  files: RuleFile[];
}

/** The Sigma scan stored with a case, keyed by the case's id. */
export interface CaseSigmaResult {
  caseId: string;
  scannedAt: number;
  /** Rule sets run, by id ('logonlens' is the bundled set), with their names when run. */
  ruleSets: { id: string; name: string }[];
  minLevel: string;
  statuses: string[] | null;
  rules: number;
  files: { name: string; size: number; events: number; problems: number; hits: number }[];
  events: number;
  hitCount: number;
  hits: ScanHit[];
  correlations: ScanCorrelationHit[];
  ms: number;
}

export class SigmaDatabase extends Dexie {
  packs!: EntityTable<RulePackMeta, 'id'>;
  packFiles!: EntityTable<RulePackFiles, 'id'>;
  results!: EntityTable<CaseSigmaResult, 'caseId'>;

  constructor(name = 'logonlens-sigma', deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, deps);
    this.version(1).stores({ packs: 'id, importedAt', packFiles: 'id', results: 'caseId' });
  }
}

function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/** Rule packs and per-case Sigma results (works in a worker). */
export class RuleStore {
  constructor(readonly db: SigmaDatabase = new SigmaDatabase()) {}

  async packs(): Promise<RulePackMeta[]> {
    return this.db.packs.orderBy('importedAt').toArray();
  }

  async addPack(meta: Omit<RulePackMeta, 'id' | 'importedAt'>, files: RuleFile[]): Promise<RulePackMeta> {
    const row: RulePackMeta = { ...meta, id: newId(), importedAt: Date.now() };
    try {
      await this.db.transaction('rw', this.db.packs, this.db.packFiles, async () => {
        await this.db.packFiles.add({ id: row.id, files });
        await this.db.packs.add(row);
      });
    } catch (e) {
      throw storageError(e, `the rule pack "${meta.name}"`);
    }
    return row;
  }

  async packFiles(id: string): Promise<RuleFile[]> {
    const row = await this.db.packFiles.get(id);
    if (!row) throw new Error(`No rule pack with id ${id}: it may have been deleted (in another tab?).`);
    return row.files;
  }

  async removePack(id: string): Promise<void> {
    await this.db.transaction('rw', this.db.packs, this.db.packFiles, async () => {
      await this.db.packs.delete(id);
      await this.db.packFiles.delete(id);
    });
  }

  async result(caseId: string): Promise<CaseSigmaResult | null> {
    return (await this.db.results.get(caseId)) ?? null;
  }

  async putResult(result: CaseSigmaResult): Promise<void> {
    try {
      await this.db.results.put(result);
    } catch (e) {
      throw storageError(e, 'the Sigma results');
    }
  }

  async removeResult(caseId: string): Promise<void> {
    await this.db.results.delete(caseId);
  }
}
