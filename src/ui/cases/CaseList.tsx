import { useState } from 'react';
import type { CaseMeta } from '../../core/store/meta';
import type { ViewId } from '../shell/view-props';
import { formatBytes, formatCount } from '../format';
import { formatSpan } from './time-input';

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
  if (cases === null) return <p className="muted">Reading the stored cases…</p>;
  if (cases.length === 0) return <p className="muted" data-testid="no-cases">No cases yet: create one from log files.</p>;
  return (
    <table className="case-list" data-testid="case-list">
      <caption>Cases stored in this browser</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Size</th>
          <th scope="col">Time span</th>
          <th scope="col">Logon events</th>
          <th scope="col">Files</th>
          <th scope="col">Actions</th>
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
  const [editing, setEditing] = useState<string | null>(null);
  const save = () => {
    if (editing !== null && editing.trim() !== '') onRename(c.id, editing);
    setEditing(null);
  };
  return (
    <tr data-testid="case-row" data-case-id={c.id} data-name={c.name} aria-current={open ? 'true' : undefined}>
      <th scope="row">
        {editing === null ? (
          hrefOf ? (
            <a href={hrefOf(c.id, 'graph')} title={`Graph of ${c.name}`} data-testid="case-link">
              <span data-testid="case-name">{c.name}</span>
            </a>
          ) : (
            <span data-testid="case-name">{c.name}</span>
          )
        ) : (
          <input
            aria-label={`New name for ${c.name}`}
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
            <button type="button" onClick={() => onOpen(c.id)} disabled={disabled} aria-label={`Open ${c.name}`}>Open</button>
            <button type="button" onClick={() => setEditing(c.name)} disabled={disabled} aria-label={`Rename ${c.name}`}>Rename</button>
            <button type="button" onClick={() => onExport(c.id)} disabled={disabled} aria-label={`Export ${c.name}`}>Export</button>
            <button
              type="button"
              disabled={disabled}
              aria-label={`Delete ${c.name}`}
              onClick={() => {
                if (window.confirm(`Delete the case "${c.name}"? Its stored events are removed from this browser.`)) onDelete(c.id);
              }}
            >
              Delete
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={save}>Save name</button>
            <button type="button" onClick={() => setEditing(null)}>Cancel</button>
          </>
        )}
      </td>
    </tr>
  );
}
