import { useState } from 'react';
import type { CaseMeta } from '../../core/store/meta';
import type { ViewId } from '../shell/view-props';
import { formatBytes, formatCount } from '../format';
import { formatSpan } from './time-input';
import { useT } from '../i18n/i18n';

interface Props {
  cases: CaseMeta[] | null;
  openId: string | null;
  disabled: boolean;
  onOpen(id: string): void;
  onRename(id: string, name: string): void;
  onDelete(id: string): void;
  onExport(id: string): void;
  /** Where a case's name links to (its graph), when the shell gives links. */
  hrefOf?: (id: string, view: ViewId) => string;
}

/** The stored cases: name, size, time span, events, files; open, rename, export, delete. */
export function CaseList({ cases, openId, disabled, ...actions }: Props) {
  const t = useT();
  if (cases === null) return <p className="muted">{t('cases.reading')}</p>;
  if (cases.length === 0) return <p className="muted" data-testid="no-cases">{t('cases.none')}</p>;
  return (
    <table className="case-list" data-testid="case-list">
      <caption>{t('cases.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cases.col.name')}</th>
          <th scope="col">{t('cases.col.size')}</th>
          <th scope="col">{t('cases.col.span')}</th>
          <th scope="col">{t('cases.col.events')}</th>
          <th scope="col">{t('cases.col.files')}</th>
          <th scope="col">{t('cases.col.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <CaseRow key={c.id} meta={c} open={c.id === openId} disabled={disabled} {...actions} />
        ))}
      </tbody>
    </table>
  );
}

function CaseRow({ meta: c, open, disabled, onOpen, onRename, onDelete, onExport, hrefOf }: { meta: CaseMeta; open: boolean } & Omit<Props, 'cases' | 'openId'>) {
  const t = useT();
  const [editing, setEditing] = useState<string | null>(null);
  const name = { name: c.name };
  const save = () => {
    if (editing !== null && editing.trim() !== '') onRename(c.id, editing);
    setEditing(null);
  };
  return (
    <tr data-testid="case-row" data-case-id={c.id} data-name={c.name} aria-current={open ? 'true' : undefined}>
      <th scope="row">
        {editing === null ? (
          hrefOf ? (
            <a href={hrefOf(c.id, 'graph')} title={t('cases.graphOf', name)} data-testid="case-link">
              <span data-testid="case-name">{c.name}</span>
            </a>
          ) : (
            <span data-testid="case-name">{c.name}</span>
          )
        ) : (
          <input
            aria-label={t('cases.newName', name)}
            value={editing}
            maxLength={200}
            autoFocus
            onChange={(e) => setEditing(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') save();
              if (e.key === 'Escape') setEditing(null);
            }}
          />
        )}
      </th>
      <td data-testid="case-bytes" data-value={c.bytes}>{formatBytes(c.bytes)}</td>
      <td>{formatSpan(c.firstHour, c.lastHour)}</td>
      <td data-testid="case-events" data-value={c.logonEvents}>{formatCount(c.logonEvents)}</td>
      <td data-testid="case-sources" data-value={c.sources.length}>{c.sources.length}</td>
      <td className="actions">
        {editing === null ? (
          <>
            <button type="button" onClick={() => onOpen(c.id)} disabled={disabled} aria-label={t('cases.openNamed', name)}>{t('cases.open')}</button>
            <button type="button" onClick={() => setEditing(c.name)} disabled={disabled} aria-label={t('cases.renameNamed', name)}>{t('cases.rename')}</button>
            <button type="button" onClick={() => onExport(c.id)} disabled={disabled} aria-label={t('cases.exportNamed', name)}>{t('cases.export')}</button>
            <button
              type="button"
              disabled={disabled}
              aria-label={t('cases.deleteNamed', name)}
              onClick={() => {
                if (window.confirm(t('cases.confirmDelete', name))) onDelete(c.id);
              }}
            >
              {t('cases.delete')}
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={save}>{t('cases.saveName')}</button>
            <button type="button" onClick={() => setEditing(null)}>{t('cases.cancel')}</button>
          </>
        )}
      </td>
    </tr>
  );
}
