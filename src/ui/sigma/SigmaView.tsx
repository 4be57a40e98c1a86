import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ScanHit } from '../../core/sigma';
import { SIGMA_LEVELS, SIGMA_STATUSES } from '../../core/sigma/scan';
import type { CaseSigmaResult } from '../../core/store/rules-db';
import { prettyJson } from '../../engine/pretty-json';
import type { RuleSetInfo, SigmaRequest, SigmaScanProgress } from '../../../workers/sigma-api';
import { errorText } from '../cases/case-client';
import { saveFile } from '../cases/download';
import { formatCount } from '../format';
import { type Translate, useI18n, useT } from '../i18n/i18n';
import { formatRoute, graphSearch } from '../shell/params';
import type { ViewProps } from '../shell/view-props';
import { accountsOf, correlationsCsv, fieldsText, filterHits, hitsCsv, resultsJson } from './export';
import { RuleSets } from './RuleSets';
import { currentScanOnImport, writeScanOnImport } from './scan-on-import';

/**
 * The Sigma view of a case: which rule sets to run (the bundled LogonLens rules and imported
 * packs), the case's stored Sigma results (from the scan on import or a rescan) with filters,
 * links into the graph and to the raw event, and CSV/JSON export.
 *
 * URL parameters: sets (rule set ids, comma-separated), min (lowest level), statuses (comma-
 * separated; absent: all), q, level, rule (result filters), page.
 */

const PAGE = 500;
const enc = new TextEncoder();

function importedText(t: Translate, info: RuleSetInfo): string {
  return t('sigma.imported', { name: info.name, rules: formatCount(info.rules + info.correlations), refused: formatCount(info.rejected), inactive: formatCount(info.inactive) });
}

export function SigmaView(props: ViewProps) {
  const { client, caseId, params, setParams } = props;
  const t = useT();
  const [sets, setSets] = useState<RuleSetInfo[] | null>(null);
  const [result, setResult] = useState<CaseSigmaResult | null | undefined>(undefined);
  const [notice, setNotice] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [progress, setProgress] = useState<SigmaScanProgress | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const chosen = useMemo(() => (params.get('sets') ?? 'logonlens').split(',').filter(Boolean), [params]);
  const minLevel = params.get('min') ?? 'informational';
  const statuses = params.get('statuses') === null ? null : params.get('statuses')!.split(',').filter(Boolean);
  const set = (patch: Record<string, string | null>) => {
    const next: Record<string, string> = {};
    params.forEach((v, k) => (next[k] = v));
    for (const [k, v] of Object.entries(patch)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    setParams(next);
  };

  const loadSets = useCallback(async () => {
    try {
      setSets(await client.sigmaRuleSets());
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    }
  }, [client]);
  const loadResult = useCallback(async () => {
    try {
      setResult(await client.sigmaResult(caseId));
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    }
  }, [client, caseId]);
  useEffect(() => {
    void loadSets();
    void loadResult();
  }, [loadSets, loadResult]);

  const request: SigmaRequest = { ruleSetIds: chosen.filter((id) => sets?.some((s) => s.id === id) ?? true), minLevel, statuses };

  const run = async (what: string, f: () => Promise<void>) => {
    setBusy(what);
    setNotice(null);
    try {
      await f();
    } catch (e) {
      setNotice({ kind: 'error', text: errorText(e) });
    } finally {
      setBusy(null);
    }
  };

  const rescan = (files: File[]) =>
    run(t('sigma.scanning'), async () => {
      const out = await client.rescanCase(caseId, files, request, (p) => setProgress(p));
      setProgress(null);
      if (out.status === 'done') {
        setNotice({ kind: 'info', text: t('sigma.scanned', { events: formatCount(out.events), rules: formatCount(out.rules), hits: formatCount(out.hits), correlations: formatCount(out.correlations), seconds: (out.ms / 1000).toFixed(1) }) });
        await loadResult();
      } else if (out.status === 'cancelled') setNotice({ kind: 'info', text: t('sigma.cancelled') });
      else setNotice({ kind: 'error', text: out.message });
    });

  return (
    <div className="sigma-view" data-testid="sigma-view">
      <h2>{t('view.sigma')}</h2>
      {notice && (
        <p className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="sigma-notice" data-kind={notice.kind}>
          {notice.text}
        </p>
      )}
      {busy && (
        <p role="status" className="muted" data-testid="sigma-busy">
          {busy}
        </p>
      )}
      <RuleSets
        sets={sets}
        chosen={chosen}
        disabled={busy !== null}
        onChoose={(ids) => set({ sets: ids.join(',') })}
        onImportZip={(file) =>
          run(t('sigma.importing', { name: file.name }), async () => {
            const info = await client.importRulePackZip(file, file.name);
            setNotice({ kind: 'info', text: importedText(t, info) });
            await loadSets();
            set({ sets: [...chosen, info.id].join(',') });
          })
        }
        onImportFolder={(name, files) =>
          run(t('sigma.importing', { name }), async () => {
            const texts = await Promise.all(files.map(async (f) => ({ path: f.path, text: await f.file.text() })));
            const info = await client.importRulePackFiles(texts, name);
            setNotice({ kind: 'info', text: importedText(t, info) });
            await loadSets();
            set({ sets: [...chosen, info.id].join(',') });
          })
        }
        onDelete={(id) =>
          run(t('sigma.deleting'), async () => {
            await client.deleteRulePack(id);
            await loadSets();
            set({ sets: chosen.filter((x) => x !== id).join(',') });
          })
        }
      />
      <fieldset className="sigma-choice" disabled={busy !== null}>
        <legend>{t('sigma.choice')}</legend>
        <label>
          {t('sigma.minLevel')}{' '}
          <select value={minLevel} onChange={(e) => set({ min: e.target.value })} data-testid="sigma-min-level">
            {SIGMA_LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>{' '}
        <span>{t('sigma.statuses')}</span>
        {SIGMA_STATUSES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={statuses === null || statuses.includes(s)}
              onChange={(e) => {
                const cur = statuses ?? [...SIGMA_STATUSES];
                const next = e.target.checked ? [...cur, s] : cur.filter((x) => x !== s);
                set({ statuses: next.length === SIGMA_STATUSES.length ? null : next.join(',') });
              }}
            />{' '}
            {s}
          </label>
        ))}
        <ScanOnImportChoice request={request} />
      </fieldset>
      <Rescan disabled={busy !== null || request.ruleSetIds.length === 0} progress={progress} onFiles={(f) => void rescan(f)} onCancel={() => void client.cancelSigmaScan()} />
      {result === undefined ? <p className="muted">{t('sigma.loadingResults')}</p> : result === null ? <p data-testid="sigma-no-results">{t('sigma.noResults')}</p> : <Results props={props} result={result} />}
    </div>
  );
}

/** "Scan on import" with the rule choice above (a preference of this browser). */
function ScanOnImportChoice({ request }: { request: SigmaRequest }) {
  const t = useT();
  const [pref, setPref] = useState(currentScanOnImport);
  const same = pref.enabled && pref.ruleSetIds.join(',') === request.ruleSetIds.join(',') && pref.minLevel === (request.minLevel ?? 'informational') && (pref.statuses ?? []).join(',') === (request.statuses ?? []).join(',');
  return (
    <p>
      <label>
        <input
          type="checkbox"
          data-testid="sigma-scan-on-import"
          checked={pref.enabled}
          onChange={(e) => {
            const next = { enabled: e.target.checked, ruleSetIds: request.ruleSetIds, minLevel: request.minLevel ?? 'informational', statuses: request.statuses ?? null };
            writeScanOnImport(next);
            setPref(next);
          }}
        />{' '}
        {t('sigma.scanOnImport')}
      </label>{' '}
      {pref.enabled && !same && (
        <button
          type="button"
          onClick={() => {
            const next = { enabled: true, ruleSetIds: request.ruleSetIds, minLevel: request.minLevel ?? 'informational', statuses: request.statuses ?? null };
            writeScanOnImport(next);
            setPref(next);
          }}
        >
          {t('sigma.useChoice')}
        </button>
      )}
    </p>
  );
}

function Rescan({ disabled, progress, onFiles, onCancel }: { disabled: boolean; progress: SigmaScanProgress | null; onFiles(f: File[]): void; onCancel(): void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className="sigma-rescan" aria-label={t('sigma.rescan')}>
      <h3>{t('sigma.rescanTitle')}</h3>
      <p className="muted">{t('sigma.rescanIntro')}</p>
      <input
        ref={input}
        type="file"
        multiple
        accept=".evtx,.xml"
        disabled={disabled}
        data-testid="sigma-rescan-files"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length) onFiles(files);
        }}
      />
      {progress && (
        <div role="status" data-testid="sigma-progress" data-phase={progress.phase}>
          {progress.phase === 'rules'
            ? t('sigma.compiling')
            : progress.phase === 'saving'
              ? t('sigma.saving')
              : t('sigma.scanProgress', { file: progress.file, index: progress.fileIndex + 1, files: progress.files, events: formatCount(progress.events), percent: Math.round((100 * progress.bytesDone) / Math.max(1, progress.bytesTotal)) })}{' '}
          <button type="button" onClick={onCancel} data-testid="sigma-cancel">
            {t('sigma.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}

function Results({ props, result }: { props: ViewProps; result: CaseSigmaResult }) {
  const { params } = props;
  const { t, lang } = useI18n();
  const q = params.get('q') ?? '';
  const level = params.get('level') ?? '';
  const rule = params.get('rule') ?? '';
  const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
  const [open, setOpen] = useState<number | null>(null);
  const set = (patch: Record<string, string>) => {
    const next: Record<string, string> = {};
    params.forEach((v, k) => (next[k] = v));
    for (const [k, v] of Object.entries(patch)) {
      if (v === '') delete next[k];
      else next[k] = v;
    }
    props.setParams(next);
  };
  const shown = useMemo(() => filterHits(result.hits, { q, level, rule }), [result, q, level, rule]);
  const rules = useMemo(() => {
    const m = new Map<string, { title: string; n: number }>();
    for (const h of result.hits) {
      const r = m.get(h.ruleId) ?? { title: h.title, n: 0 };
      r.n++;
      m.set(h.ruleId, r);
    }
    return [...m].sort((a, b) => b[1].n - a[1].n);
  }, [result]);
  const pageHits = shown.slice(page * PAGE, (page + 1) * PAGE);
  const stamp = new Date(result.scannedAt).toISOString().replace(/[:T]/g, '-').slice(0, 19);
  return (
    <section className="sigma-results" aria-label={t('sigma.results')} data-testid="sigma-results" data-hits={result.hitCount} data-correlations={result.correlations.length}>
      <h3>{t('sigma.resultsTitle')}</h3>
      <p data-testid="sigma-summary">
        {t('sigma.summary', {
          time: new Date(result.scannedAt).toLocaleString(lang),
          sets: result.ruleSets.map((s) => s.name).join(', '),
          rules: formatCount(result.rules),
          level: result.minLevel,
          statuses: result.statuses ? t('sigma.summaryStatuses', { statuses: result.statuses.join(', ') }) : '',
          events: formatCount(result.events),
          files: result.files.map((f) => f.name).join(', '),
          hits: formatCount(result.hitCount),
          kept: result.hitCount > result.hits.length ? t('sigma.summaryKept', { count: formatCount(result.hits.length) }) : '',
          correlations: formatCount(result.correlations.length),
        })}
      </p>
      <p>
        <button type="button" data-testid="sigma-export-csv" onClick={() => saveFile(`sigma-hits-${stamp}.csv`, enc.encode(hitsCsv(shown)))}>
          {t('sigma.exportHits')}
        </button>{' '}
        <button type="button" data-testid="sigma-export-correlations-csv" onClick={() => saveFile(`sigma-correlations-${stamp}.csv`, enc.encode(correlationsCsv(result.correlations)))}>
          {t('sigma.exportCorrelations')}
        </button>{' '}
        <button type="button" data-testid="sigma-export-json" onClick={() => saveFile(`sigma-results-${stamp}.json`, enc.encode(resultsJson(shown, result.correlations)))}>
          {t('sigma.exportJson')}
        </button>
      </p>
      {result.correlations.length > 0 && (
        <table className="sigma-correlations" data-testid="sigma-correlations">
          <caption>{t('sigma.correlations')}</caption>
          <thead>
            <tr>
              {(['first', 'last', 'level', 'rule', 'group', 'value', 'events', 'author'] as const).map((c) => (
                <th key={c}>{t(`sigma.col.${c}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {result.correlations.map((c, i) => (
              <tr key={i} data-testid="sigma-correlation-row" data-rule-id={c.ruleId}>
                <td>{c.first}</td>
                <td>{c.last}</td>
                <td>{c.level}</td>
                <td>{c.title}</td>
                <td>
                  {fieldsText(c.group)} <AccountLinks props={props} fields={c.group} />
                </td>
                <td>{c.value}</td>
                <td>{c.eventCount}</td>
                <td>
                  {c.author} — {c.source}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <fieldset className="sigma-filters">
        <legend>{t('sigma.filters')}</legend>
        <label>
          {t('sigma.search')} <input type="search" value={q} onChange={(e) => set({ q: e.target.value, page: '' })} data-testid="sigma-filter-q" />
        </label>{' '}
        <label>
          {t('sigma.level')}{' '}
          <select value={level} onChange={(e) => set({ level: e.target.value, page: '' })} data-testid="sigma-filter-level">
            <option value="">{t('sigma.all')}</option>
            {SIGMA_LEVELS.map((l) => (
              <option key={l} value={l}>
                {t('sigma.andAbove', { level: l })}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {t('sigma.rule')}{' '}
          <select value={rule} onChange={(e) => set({ rule: e.target.value, page: '' })} data-testid="sigma-filter-rule">
            <option value="">{t('sigma.allRules', { count: rules.length })}</option>
            {rules.map(([id, r]) => (
              <option key={id} value={id}>
                {r.title} ({r.n})
              </option>
            ))}
          </select>
        </label>{' '}
        <span data-testid="sigma-shown" data-value={shown.length}>
          {t('sigma.shown', { count: formatCount(shown.length) })}
        </span>
      </fieldset>
      <table className="sigma-hits" data-testid="sigma-hits">
        <thead>
          <tr>
            {(['time', 'level', 'rule', 'status', 'computer', 'channel', 'event', 'fields', 'author'] as const).map((c) => (
              <th key={c}>{t(`sigma.col.${c}`)}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {pageHits.map((h, i) => {
            const n = page * PAGE + i;
            return (
              <HitRow key={n} props={props} hit={h} open={open === n} onToggle={() => setOpen(open === n ? null : n)} />
            );
          })}
        </tbody>
      </table>
      {shown.length > PAGE && (
        <p>
          <button type="button" disabled={page === 0} onClick={() => set({ page: String(page - 1) })}>
            {t('common.prev')}
          </button>{' '}
          {t('common.pageOf', { page: page + 1, pages: Math.ceil(shown.length / PAGE) })}{' '}
          <button type="button" disabled={(page + 1) * PAGE >= shown.length} onClick={() => set({ page: String(page + 1) })}>
            {t('common.next')}
          </button>
        </p>
      )}
    </section>
  );
}

function AccountLinks({ props, fields }: { props: ViewProps; fields: Record<string, string> }) {
  const t = useT();
  return (
    <>
      {accountsOf(fields).map((name) => {
        const params = graphSearch('account', name);
        return (
          <a
            key={name}
            href={formatRoute({ caseId: props.caseId, view: 'graph', params })}
            data-testid="sigma-graph-link"
            data-account={name}
            title={t('common.showInGraph', { name })}
            onClick={(e) => {
              if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
              e.preventDefault();
              props.navigate({ view: 'graph', params });
            }}
          >
            {' '}
            {t('sigma.graphLink', { name })}
          </a>
        );
      })}
    </>
  );
}

function HitRow({ props, hit, open, onToggle }: { props: ViewProps; hit: ScanHit; open: boolean; onToggle(): void }) {
  const t = useT();
  const [raw, setRaw] = useState<string | null>(null);
  useEffect(() => {
    if (!open || raw !== null) return;
    if (hit.raw) {
      setRaw(prettyJson(hit.raw));
      return;
    }
    let live = true;
    props.client
      .rawRecord(hit.file, hit.recordId)
      .then((r) => live && setRaw(r.available ? (r.format === 'json' ? prettyJson(r.text) : r.text) : t('sigma.rawNotKept', { reason: r.reason })))
      .catch((e: unknown) => live && setRaw(errorText(e)));
    return () => {
      live = false;
    };
  }, [open, raw, hit, props.client, t]);
  return (
    <>
      <tr data-testid="sigma-hit-row" data-rule-id={hit.ruleId} data-level={hit.level}>
        <td>{hit.time}</td>
        <td>{hit.level}</td>
        <td>{hit.title}</td>
        <td>{hit.status}</td>
        <td>{hit.computer}</td>
        <td>{hit.channel}</td>
        <td>
          {Number.isNaN(hit.eventId) ? '' : hit.eventId} #{hit.recordId}
        </td>
        <td className="sigma-fields">
          {fieldsText(hit.fields)}
          <AccountLinks props={props} fields={hit.fields} />
        </td>
        <td>
          {hit.author} — {hit.source}
        </td>
        <td>
          <button type="button" aria-expanded={open} onClick={onToggle} data-testid="sigma-raw-toggle">
            {open ? t('sigma.hideEvent') : t('sigma.rawEvent')}
          </button>
        </td>
      </tr>
      {open && (
        <tr>
          <td colSpan={10}>
            <pre className="sigma-raw" data-testid="sigma-raw">
              {raw ?? t('sigma.reading')}
            </pre>
          </td>
        </tr>
      )}
    </>
  );
}
