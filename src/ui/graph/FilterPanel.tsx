import { useEffect, useState } from 'react';
import { EVENT_IDS } from './params';
import { EVENT_TITLES } from './graph-model';

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
  const key = JSON.stringify(value);
  useEffect(() => setDraft(value), [key]); // `key` stands for the value's content
  const toggle = (id: number) => setDraft({ ...draft, eventIds: draft.eventIds.includes(id) ? draft.eventIds.filter((x) => x !== id) : [...draft.eventIds, id].sort() });
  const clock = tzHours === null ? 'the case clock' : `UTC${tzHours >= 0 ? '+' : '−'}${Math.abs(tzHours)} (the case clock, shown as UTC)`;
  return (
    <form
      className="graph-filter"
      aria-label="Filter"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
    >
      <fieldset>
        <legend>Event ids</legend>
        {EVENT_IDS.map((id) => (
          <label key={id} title={EVENT_TITLES[id]}>
            <input type="checkbox" checked={draft.eventIds.includes(id)} onChange={() => toggle(id)} data-testid={`filter-id-${id}`} /> {id}
          </label>
        ))}
      </fieldset>
      <label>
        Count greater than{' '}
        <input type="number" min={0} step={1} value={draft.minCount} onChange={(e) => setDraft({ ...draft, minCount: Math.max(0, Math.floor(Number(e.target.value) || 0)) })} data-testid="filter-count" />
      </label>
      <fieldset>
        <legend>Time window, {clock}</legend>
        <label>
          From <input type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} data-testid="filter-from" />
        </label>
        <label>
          To <input type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} data-testid="filter-to" />
        </label>
      </fieldset>
      <button type="submit" data-testid="filter-apply">
        Apply filter
      </button>
    </form>
  );
}
