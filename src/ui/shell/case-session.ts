import type { CaseSummary } from '../../../workers/case-api';
import { type CaseClient, caseClient } from '../cases/case-client';

/**
 * Which case the case worker has open. The worker holds one open case and answers every query
 * about it, so before a view of case X asks anything, X must be the open one; the Cases panel opens
 * cases too (Open, or an import, which leaves the imported case open). The session wraps the
 * client so both paths keep it right, and serialises opens so two views never race.
 */
export class CaseSession {
  readonly client: CaseClient;
  private openId: string | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly raw: CaseClient) {
    this.client = {
      ...raw,
      openCase: async (id) => {
        const s = await raw.openCase(id);
        this.setOpen(id);
        return s;
      },
      closeCase: async () => {
        await raw.closeCase();
        this.setOpen(null);
      },
      deleteCase: async (id) => {
        await raw.deleteCase(id);
        if (this.openId === id) this.setOpen(null);
      },
      importFiles: async (caseId, files, options, onProgress) => {
        const r = await raw.importFiles(caseId, files, options, onProgress);
        if (r.status === 'done') this.setOpen(caseId); // the worker keeps the imported case open
        return r;
      },
    };
  }

  /** The case the worker has open, or null. */
  readonly current = (): string | null => this.openId;

  readonly subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };

  /** Makes `id` the open case (opening it only if it is not already) and returns its summary. */
  ensure(id: string): Promise<CaseSummary> {
    const run = async () => (this.openId === id ? this.raw.summary() : this.client.openCase(id));
    const p = this.chain.then(run, run);
    this.chain = p.catch(() => undefined);
    return p;
  }

  private setOpen(id: string | null) {
    if (this.openId === id) return;
    this.openId = id;
    this.listeners.forEach((l) => l());
  }
}

let session: CaseSession | null = null;

/** The page's one session; the case worker starts on the first call (not for the record table). */
export function caseSession(): CaseSession {
  return (session ??= new CaseSession(caseClient()));
}
