import { useEffect, useState } from 'react';
import { EVENT_IDS } from './params';
import { EVENT_TITLES } from './graph-model';
import { useT } from '../i18n/i18n';

export interface Filters {
  eventIds: number[];
  minCount: number;
  from: string;
  to: string;
}

/**
 * The filter panel (§6.9): event ids, "count greater than", and the time window in the case's own
 * clock (shifted time, shown and entered as UTC). Applied with its button; an empty id set is allowed
 * (it shows nothing; the reference built an invalid query).
 */
export function FilterPanel({ value, tzHours, onApply }: { value: Filters; tzHours: number | null; onApply(f: Filters): void }) {
  const [draft, setDraft] = useState(value);
  const t = useT();
  const key = JSON.stringify(value);
  useEffect(() => setDraft(value), [key]); // `key` stands for the value's content
  const toggle = (id: number) => setDraft({ ...draft, eventIds: draft.eventIds.includes(id) ? draft.eventIds.filter((x) => x !== id) : [...draft.eventIds, id].sort() });
  const clock = tzHours === null ? t('graph.filter.caseClock') : t('graph.filter.clock', { offset: `${tzHours >= 0 ? '+' : '−'}${Math.abs(tzHours)}` });
  return (
    <form
      className="graph-filter"
      aria-label={t('graph.filter')}
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <fieldset>
        <legend>{t('graph.filter.eventIds')}</legend>
        {EVENT_IDS.map((id) => (
          <label key={id} title={EVENT_TITLES[id] && t(EVENT_TITLES[id])}>
            <input type="checkbox" checked={draft.eventIds.includes(id)} onChange={() => toggle(id)} data-testid={`filter-id-${id}`} /> {id}
          </label>
        ))}
      </fieldset>
      <label>
        {t('graph.filter.minCount')}{' '}
        <input type="number" min={0} step={1} value={draft.minCount} onChange={(e) => setDraft({ ...draft, minCount: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} data-testid="filter-count" />
      </label>
      <fieldset>
        <legend>{t('graph.filter.window', { clock })}</legend>
        <label>
          {t('graph.filter.from')} <input type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="filter-from" />
        </label>
        <label>
          {t('graph.filter.to')} <input type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="filter-to" />
        </label>
      </fieldset>
      <button type="submit" data-testid="filter-apply">
        {t('graph.filter.apply')}
      </button>
    </form>
  );
}
