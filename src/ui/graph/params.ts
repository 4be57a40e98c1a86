import { parseWindowInput } from '../cases/time-input';
import { formatSearch, parseSearch } from '../shell/params';
import { type SearchTerm, type ViewName, type ViewQuery, VIEWS } from '../../core/case/views';

/**
 * The graph view's state as URL parameters (the shell keeps them in the hash): everything an analyst
 * would want back after a reload or in a shared link. Unknown or malformed values fall back to the
 * defaults: the URL is user input.
 */
export const LAYOUTS = ['grid', 'cose', 'circle', 'breadthfirst', 'concentric'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const EVENT_IDS = [4624, 4625, 4768, 4769, 4776] as const;
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 100_000;
export const MAX_TERMS = 10;
/** What "show more edges" raises the limit to, step by step; 40,000 edges is the big-graph mode's target. */
export const LIMIT_STEPS = [5000, 40_000, MAX_LIMIT] as const;

/** The next, higher edge limit, or null at the top. */
export function nextLimit(limit: number): number | null {
  return LIMIT_STEPS.find((s) => s > limit) ?? null;
}

export interface EdgeLabels {
  count: boolean;
  type: boolean;
  auth: boolean;
}

export interface GraphState {
  view: ViewName;
  eventIds: number[];
  minCount: number;
  /** datetime-local values in the case's shifted clock (shown as UTC), '' when open. */
  from: string;
  to: string;
  search: SearchTerm[];
  limit: number;
  layout: LayoutName;
  rankSize: boolean;
  /** Big graphs drawn with groups (grouping.ts); off: every node (parallel edges still one line). */
  group: boolean;
  labels: EdgeLabels;
  /** Selected node id, or `edge:` id. */
  selected: string | null;
}

export const DEFAULT_STATE: GraphState = {
  view: 'all',
  eventIds: [...EVENT_IDS],
  minCount: 0,
  from: '',
  to: '',
  search: [],
  limit: DEFAULT_LIMIT,
  layout: 'grid',
  rankSize: false,
  group: true,
  labels: { count: true, type: true, auth: false },
  selected: null,
};

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export function readState(p: URLSearchParams): GraphState {
  const view = p.get('view');
  const ids = p.get('ids');
  const int = (name: string, fallback: number, max: number) => {
    const n = Number(p.get(name));
    return p.has(name) && Number.isInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
  };
  const time = (name: string) => {
    const v = p.get(name) ?? '';
    return DATETIME.test(v) ? v : '';
  };
  const layout = p.get('layout');
  const labels = p.get('labels');
  return {
    view: (VIEWS as readonly string[]).includes(view ?? '') ? (view as ViewName) : DEFAULT_STATE.view,
    eventIds: ids === null ? [...EVENT_IDS] : EVENT_IDS.filter((id) => ids.split(',').includes(String(id))),
    minCount: int('min', 0, Number.MAX_SAFE_INTEGER),
    from: time('from'),
    to: time('to'),
    // The shell's `search` format (shell/params.ts): other views link here with it.
    search: parseSearch(p.get('search')).slice(0, MAX_TERMS),
    limit: Math.max(1, int('limit', DEFAULT_LIMIT, MAX_LIMIT)),
    layout: (LAYOUTS as readonly string[]).includes(layout ?? '') ? (layout as LayoutName) : DEFAULT_STATE.layout,
    rankSize: p.get('rank') === '1',
    group: p.get('group') !== '0',
    labels: labels === null ? { ...DEFAULT_STATE.labels } : { count: labels.includes('c'), type: labels.includes('t'), auth: labels.includes('a') },
    selected: p.get('sel') || null,
  };
}

/** The parameters for a state, defaults left out (short, readable URLs). */
export function writeState(s: GraphState): Record<string, string> {
  const out: Record<string, string> = { view: s.view };
  if (s.eventIds.length !== EVENT_IDS.length) out['ids'] = s.eventIds.join(',');
  if (s.minCount > 0) out['min'] = String(s.minCount);
  if (s.from) out['from'] = s.from;
  if (s.to) out['to'] = s.to;
  const terms = s.search.filter((t) => t.value !== '');
  if (terms.length) out['search'] = formatSearch(terms);
  if (s.limit !== DEFAULT_LIMIT) out['limit'] = String(s.limit);
  if (s.layout !== DEFAULT_STATE.layout) out['layout'] = s.layout;
  if (s.rankSize) out['rank'] = '1';
  if (!s.group) out['group'] = '0';
  const l = `${s.labels.count ? 'c' : ''}${s.labels.type ? 't' : ''}${s.labels.auth ? 'a' : ''}`;
  if (l !== 'ct') out['labels'] = l || '-';
  if (s.selected) out['sel'] = s.selected;
  return out;
}

/** The window's end is inclusive to the end of its minute (or second): "to 10:00" includes 10:00:59. */
export function windowOf(from: string, to: string): { from: number | null; to: number | null } {
  const end = parseWindowInput(to);
  return { from: parseWindowInput(from), to: end === null ? null : end + (to.length > 16 ? 999 : 59_999) };
}

export function toQuery(s: GraphState): ViewQuery {
  return { view: s.view, eventIds: s.eventIds, minCount: s.minCount, ...windowOf(s.from, s.to), search: s.search.filter((t) => t.value.trim() !== ''), limit: s.limit };
}

/** The edge label (§6.5): the event id, then count, logon type and package when their toggles are on. */
export function edgeLabel(e: { kind: string; eventId: number | null; count: number; logonType: number | null; authPackage: string | null }, l: EdgeLabels): string {
  if (e.kind !== 'logon' || e.eventId === null) return '';
  let s = String(e.eventId);
  if (l.count) s += ` : ${e.count}`;
  if (l.type) s += ` : ${e.logonType ?? '-'}`;
  if (l.auth) s += ` : ${e.authPackage ?? '-'}`;
  return s;
}
