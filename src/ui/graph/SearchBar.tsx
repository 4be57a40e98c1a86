import { useEffect, useId, useState } from 'react';
import type { SearchTerm } from '../../core/case/views';
import type { CaseClient } from '../cases/case-client';
import { MAX_TERMS } from './params';
import { type MessageKey, useT } from '../i18n/i18n';

const FIELD_LABELS: Record<SearchTerm['field'], MessageKey> = { account: 'common.account', host: 'common.host', ip: 'graph.search.ip' };
const SUGGESTIONS = 20;
/** The worker answers in milliseconds: the pause only merges bursts of keys (a paste, fast typing). */
const SUGGEST_PAUSE_MS = 40;

/** Names for one row's datalist, asked of the worker as the user types. */
function useSuggestions(client: CaseClient, field: SearchTerm['field'], value: string): string[] {
  const [names, setNames] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      client.names(field, value, SUGGESTIONS).then((n) => live && setNames(n), () => live && setNames([]));
    }, SUGGEST_PAUSE_MS);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [client, field, value]);
  return names;
}

function TermRow({ client, term, index, onChange }: { client: CaseClient; term: SearchTerm; index: number; onChange(t: SearchTerm): void }) {
  const id = useId();
  const names = useSuggestions(client, term.field, term.value);
  const t = useT();
  return (
    <div className="search-row" data-testid="search-row">
      {index > 0 && (
        <select aria-label={t('graph.search.join', { index: index + 1 })} value={term.join ?? 'and'} onChange={(e) => onChange({ ...term, join: e.target.value === 'or' ? 'or' : 'and' })}>
          <option value="and">AND</option>
          <option value="or">OR</option>
        </select>
      )}
      <select aria-label={t('graph.search.field', { index: index + 1 })} value={term.field} onChange={(e) => onChange({ ...term, field: e.target.value as SearchTerm['field'] })} data-testid="search-field">
        {Object.entries(FIELD_LABELS).map(([v, l]) => (
          <option key={v} value={v}>
            {t(l)}
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label={t('graph.search.term', { index: index + 1 })}
        list={`${id}-names`}
        value={term.value}
        placeholder={index === 0 ? t('graph.search.placeholder') : ''}
        onChange={(e) => onChange({ ...term, value: e.target.value })}
        data-testid="search-value"
        autoComplete="off"
        spellCheck={false}
      />
      <datalist id={`${id}-names`}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </div>
  );
}

/**
 * The navigation-bar search (§6.4): up to ten rows of account / host / IP, joined by AND or OR, each a
 * case-insensitive "contains". Applied on submit, so typing does not re-query the graph each key.
 */
export function SearchBar({ client, terms, onSearch }: { client: CaseClient; terms: SearchTerm[]; onSearch(t: SearchTerm[]): void }) {
  const initial = (): SearchTerm[] => (terms.length ? terms : [{ field: 'account', value: '', join: 'and' }]);
  const [rows, setRows] = useState<SearchTerm[]>(initial);
  // A new search from outside (URL, "search from node") replaces the draft.
  const key = JSON.stringify(terms);
  useEffect(() => setRows(initial()), [key]); // `key` stands for the value's content
  const tr = useT();

  return (
    <form
      className="graph-search"
      role="search"
      aria-label={tr('graph.search')}
      onSubmit={(e) => {
        e.preventDefault();
        onSearch(rows.filter((r) => r.value.trim() !== ''));
      }}
    >
      {rows.map((t, i) => (
        <TermRow key={i} client={client} term={t} index={i} onChange={(next) => setRows(rows.map((r, j) => (j === i ? next : r)))} />
      ))}
      <div className="search-actions">
        <button type="button" onClick={() => setRows([...rows, { field: 'account', value: '', join: 'and' }])} disabled={rows.length >= MAX_TERMS} aria-label={tr('graph.search.add')}>
          +
        </button>
        <button type="button" onClick={() => setRows(rows.slice(0, -1))} disabled={rows.length <= 1} aria-label={tr('graph.search.remove')}>
          −
        </button>
        <button type="submit" data-testid="search-submit">
          {tr('graph.search.submit')}
        </button>
        <button
          type="button"
          onClick={() => {
            setRows([{ field: 'account', value: '', join: 'and' }]);
            onSearch([]);
          }}
        >
          {tr('graph.search.clear')}
        </button>
      </div>
    </form>
  );
}
