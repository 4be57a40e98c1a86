import { useCallback, useEffect, useRef, useState } from 'react';
import type { Detection } from '../../core/case/detections';
import type { CaseOptions } from '../../core/case/facts';
import type { CaseMeta } from '../../core/store/meta';
import type { CaseSummary, ImportOptions, ImportProgressInfo, RankRow } from '../../../workers/case-api';
import { formatCount } from '../format';
import { type Translate, useT } from '../i18n/i18n';
import { askPersistentStorage, type CaseClient, errorText } from './case-client';

export interface OpenCaseView {
  summary: CaseSummary;
  ranks: { users: RankRow[]; hosts: RankRow[] };
  detections: Detection[];
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

export interface CasesState {
  cases: CaseMeta[] | null;
  open: OpenCaseView | null;
  /** The running import's latest progress (null before the first report). */
  importing: { progress: ImportProgressInfo | null } | null;
  busy: string | null;
  notice: Notice | null;
  /** Imports finished so far (done, cancelled or failed): lets tests and assistive tech tell one ended. */
  importsFinished: number;
}

const TOP = 10;

/** The Cases panel's state and actions over the case worker. */
export function useCases(client: CaseClient) {
  const [state, setState] = useState<CasesState>({ cases: null, open: null, importing: null, busy: null, notice: null, importsFinished: 0 });
  const patch = useCallback((p: Partial<CasesState>) => setState((s) => ({ ...s, ...p })), []);
  const openId = useRef<string | null>(null);
  // Notices are worded when they happen, in the language of that moment; through a ref, so a
  // language switch does not re-create the actions (nor re-list the cases).
  const current = useT();
  const latestT = useRef(current);
  latestT.current = current;
  const t = useCallback<Translate>((key, values) => latestT.current(key, values), []);

  const refresh = useCallback(async () => {
    patch({ cases: await client.listCases() });
  }, [client, patch]);

  useEffect(() => {
    refresh().catch((e: unknown) => patch({ notice: { kind: 'error', text: t('cases.listFailed', { message: errorText(e) }) } }));
  }, [refresh, patch, t]);

  const showOpen = useCallback(
    async (summary: CaseSummary) => {
      const [ranks, detections] = await Promise.all([client.ranks(TOP), client.detections()]);
      openId.current = summary.id;
      patch({ open: { summary, ranks, detections } });
    },
    [client, patch],
  );

  /** Runs one action with a busy label; its failure becomes the notice. */
  const run = useCallback(
    async (label: string, body: () => Promise<void>) => {
      patch({ busy: label, notice: null });
      try {
        await body();
      } catch (e) {
        patch({ notice: { kind: 'error', text: errorText(e) } });
      } finally {
        patch({ busy: null });
      }
    },
    [patch],
  );

  const importInto = useCallback(
    async (caseId: string, files: File[], options: ImportOptions) => {
      patch({ importing: { progress: null }, notice: null });
      try {
        const result = await client.importFiles(caseId, files, options, (progress) => patch({ importing: { progress } }));
        if (result.status === 'done') {
          const r = result.report;
          const ms = result.timings;
          const sec = (x: number) => `${(x / 1000).toFixed(1)} s`;
          patch({
            notice: {
              kind: 'info',
              text: t('cases.imported', {
                records: formatCount(r.records),
                accepted: formatCount(r.accepted),
                duplicates: formatCount(r.duplicates),
                total: sec(ms.readMs + ms.analyseMs + ms.saveMs),
                read: sec(ms.readMs),
                analyse: sec(ms.analyseMs),
                save: sec(ms.saveMs),
              }),
            },
          });
          await showOpen(await client.summary());
        } else if (result.status === 'cancelled') patch({ notice: { kind: 'info', text: t('cases.importCancelled') } });
        // A failure's message names the file and the reason (from the worker, in English).
        else patch({ notice: { kind: 'error', text: result.message } });
      } catch (e) {
        patch({ notice: { kind: 'error', text: errorText(e) } });
      } finally {
        await refresh().catch(() => undefined);
        setState((s) => ({ ...s, importing: null, importsFinished: s.importsFinished + 1 }));
      }
    },
    [client, patch, refresh, showOpen, t],
  );

  return {
    state,
    async createWithFiles(name: string, options: CaseOptions, files: File[]) {
      let id: string | null = null;
      await run(t('cases.creating'), async () => {
        askPersistentStorage();
        id = (await client.createCase(name, options)).id;
      });
      if (id) await importInto(id, files, { mode: 'add', ...options });
      else setState((s) => ({ ...s, importsFinished: s.importsFinished + 1 }));
    },
    importInto,
    notify: (text: string) => patch({ notice: { kind: 'error', text } }),
    cancelImport: () => void client.cancelImport(),
    open: (id: string) => run(t('case.opening'), async () => showOpen(await client.openCase(id))),
    close: () => run('', async () => {
      await client.closeCase();
      openId.current = null;
      patch({ open: null });
    }),
    rename: (id: string, name: string) =>
      run(t('cases.renaming'), async () => {
        await client.renameCase(id, name);
        await refresh();
        if (openId.current === id) await showOpen(await client.summary());
      }),
    remove: (id: string) =>
      run(t('cases.deleting'), async () => {
        await client.deleteCase(id);
        if (openId.current === id) {
          openId.current = null;
          patch({ open: null });
        }
        await refresh();
      }),
    exportCase: (id: string, save: (name: string, bytes: Uint8Array) => void) =>
      run(t('cases.exporting'), async () => {
        const { name, bytes } = await client.exportCase(id);
        save(name, bytes);
      }),
    importCaseFile: (file: File) =>
      run(t('cases.importingFile'), async () => {
        const meta = await client.importCaseFile(file, file.name.replace(/\.llcase$/i, '') || t('cases.importedCaseName'));
        await refresh();
        patch({ notice: { kind: 'info', text: t('cases.importedCase', { name: meta.name }) } });
      }),
  };
}

export type CasesActions = ReturnType<typeof useCases>;
