import { useEffect, useRef } from 'react';
import type { RuleSetInfo } from '../../../workers/sigma-api';
import { formatCount } from '../format';
import { useI18n } from '../i18n/i18n';

/** A file of a picked folder, with its path inside the folder (webkitRelativePath minus the folder). */
export interface FolderFile {
  path: string;
  file: File;
}

/** The folder's name and its .yml files, from an `<input webkitdirectory>` pick. */
export function folderFiles(list: readonly File[]): { name: string; files: FolderFile[] } {
  let name = '';
  const files: FolderFile[] = [];
  for (const file of list) {
    const rel = file.webkitRelativePath || file.name;
    const slash = rel.indexOf('/');
    if (!name) name = slash > 0 ? rel.slice(0, slash) : 'rules';
    if (!/\.ya?ml$/i.test(rel)) continue;
    files.push({ path: slash > 0 ? rel.slice(slash + 1) : rel, file });
  }
  return { name, files };
}

interface Props {
  sets: RuleSetInfo[] | null;
  chosen: readonly string[];
  disabled: boolean;
  onChoose(ids: string[]): void;
  onImportZip(file: File): void;
  onImportFolder(name: string, files: FolderFile[]): void;
  onDelete(id: string): void;
}

/** Rule sets: the bundled LogonLens rules and the imported packs (kept in this browser, usable offline). */
export function RuleSets({ sets, chosen, disabled, onChoose, onImportZip, onImportFolder, onDelete }: Props) {
  const { t, lang } = useI18n();
  const folder = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // Not in React's typings: a folder picker on every current browser.
    folder.current?.setAttribute('webkitdirectory', '');
  }, []);
  return (
    <section className="sigma-rule-sets" aria-label={t('sigma.ruleSets')} data-testid="sigma-rule-sets">
      <h3>{t('sigma.ruleSets')}</h3>
      {sets === null ? (
        <p className="muted">{t('sigma.loadingSets')}</p>
      ) : (
        <ul>
          {sets.map((s) => (
            <li key={s.id} data-testid="sigma-rule-set" data-id={s.id} data-name={s.name} data-rules={s.rules + s.correlations} data-rejected={s.rejected} data-inactive={s.inactive}>
              <label>
                <input
                  type="checkbox"
                  disabled={disabled}
                  checked={chosen.includes(s.id)}
                  onChange={(e) => onChoose(e.target.checked ? [...chosen, s.id] : chosen.filter((x) => x !== s.id))}
                  aria-label={t('sigma.run', { name: s.name })}
                />{' '}
                <strong>{s.name}</strong>
              </label>{' '}
              <span className="muted">
                {/* A pack's origin is its file or folder name: shown as it is. */}
                {s.kind === 'bundled' ? t('sigma.bundled') : s.origin}
                {s.importedAt ? t('sigma.importedAt', { time: new Date(s.importedAt).toLocaleString(lang) }) : ''}
                {t('sigma.setCounts', {
                  files: formatCount(s.files),
                  rules: formatCount(s.rules + s.correlations),
                  correlations: s.correlations ? t('sigma.setCorrelations', { count: formatCount(s.correlations) }) : '',
                  refused: formatCount(s.rejected),
                  inactive: formatCount(s.inactive),
                })}
              </span>{' '}
              {s.kind === 'pack' && (
                <button type="button" disabled={disabled} onClick={() => onDelete(s.id)} aria-label={t('sigma.deleteNamed', { name: s.name })}>
                  {t('sigma.delete')}
                </button>
              )}
              {s.problems.length > 0 && (
                <details data-testid="sigma-rule-problems">
                  <summary>{t('sigma.problems', { count: s.rejected + s.inactive > s.problems.length ? t('sigma.problemsFirst', { count: s.problems.length }) : s.problems.length })}</summary>
                  <ul>
                    {s.problems.map((p, i) => (
                      <li key={i}>
                        <code>{p.source}</code>
                        {p.title ? ` (${p.title})` : ''}: {p.reason}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <label>
          {t('sigma.importZip')}{' '}
          <input
            type="file"
            accept=".zip,application/zip"
            disabled={disabled}
            data-testid="sigma-import-zip"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) onImportZip(f);
            }}
          />
        </label>
      </p>
      <p>
        <label>
          {t('sigma.importFolder')}{' '}
          <input
            ref={folder}
            type="file"
            multiple
            disabled={disabled}
            data-testid="sigma-import-folder"
            onChange={(e) => {
              const { name, files } = folderFiles([...(e.target.files ?? [])]);
              e.target.value = '';
              if (files.length) onImportFolder(name, files);
            }}
          />
        </label>
      </p>
      <p className="muted">{t('sigma.licence')}</p>
    </section>
  );
}
