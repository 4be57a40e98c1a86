import type { SearchTerm } from '../../core/case/views';
import { VIEW_IDS, type ViewId } from './view-props';

/**
 * The URL formats of the app (DOM-free, so they are unit tested and shared by every view).
 *
 * Routes live in the hash, so the static build needs no server rewrites:
 *
 *   (no hash) or #/records                 the record table (no case needed)
 *   #/cases                                the cases list
 *   #/case/<caseId>/<viewId>?<params>      a view of a case; caseId is URI-encoded, params are
 *                                          URLSearchParams (each view owns its own keys)
 *
 * Parameters the shell's views agree on:
 *
 *   graph     search=<terms>   what to search for (see below), e.g. `search=account:alice`
 *   rankings  kind=account|host, sort=<column>, dir=asc|desc, q=<name filter>, page=<n>
 *   timeline  kind=account|host, name=<name>, from=<hour>, to=<hour> (zoom; hours as
 *             YYYY-MM-DDTHH in the case's shifted clock)
 *   detections kind=<detection kind>, q=<text filter>
 *
 * `search` format: terms joined by `;`, each `field:value` with field `account`, `host` or `ip`
 * (views.ts's SearchTerm). A term that starts with `|` joins the previous ones with OR, otherwise
 * with AND. The value is everything after the first `:`; since names are attacker-controlled and
 * may hold `;` or `\`, those two are escaped with a backslash (`\;`, `\\`). Always build and read
 * it with formatSearch/parseSearch below.
 */

export interface Route {
  /** Null for the views that need no case (records, cases). */
  caseId: string | null;
  view: ViewId;
  params: URLSearchParams;
}

const isView = (v: string): v is ViewId => (VIEW_IDS as readonly string[]).includes(v);

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

/** The route a location hash names; anything unknown falls back to the record table. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = path.split('/').filter((p) => p !== '');
  // `#cases` is what the Cases toggle wrote before the shell existed: old bookmarks still work.
  if (parts.length === 1 && (parts[0] === 'cases' || parts[0] === 'records')) return { caseId: null, view: parts[0], params };
  if (parts[0] === 'case' && parts.length >= 2) {
    const caseId = decode(parts[1]!);
    if (caseId) {
      const view = parts[2] ?? 'graph';
      return { caseId, view: isView(view) ? view : 'graph', params };
    }
  }
  return { caseId: null, view: 'records', params };
}

/** The hash of a route (`#/case/<id>/<view>?<params>`); views that need a case fall back to the list without one. */
export function formatRoute(route: { caseId: string | null; view: ViewId; params?: URLSearchParams | Record<string, string> }): string {
  const params = route.params instanceof URLSearchParams ? route.params : new URLSearchParams(route.params ?? {});
  const query = params.toString();
  const tail = query ? `?${query}` : '';
  if (route.caseId === null) return `#/${route.view === 'records' ? 'records' : 'cases'}${tail}`;
  return `#/case/${encodeURIComponent(route.caseId)}/${route.view}${tail}`;
}

/** Views that show the open case (every one but the cases list and the record table). */
export const needsCase = (view: ViewId): boolean => view !== 'cases' && view !== 'records';

const escapeValue = (v: string) => v.replace(/[\\;]/g, (c) => `\\${c}`);

/** The `search` parameter for terms (see the format above). */
export function formatSearch(terms: readonly SearchTerm[]): string {
  return terms.map((t, i) => `${i > 0 && t.join === 'or' ? '|' : ''}${t.field}:${escapeValue(t.value)}`).join(';');
}

const FIELDS = new Set<SearchTerm['field']>(['account', 'host', 'ip']);

/** Terms from a `search` parameter; malformed terms (no known field) are skipped. */
export function parseSearch(s: string | null): SearchTerm[] {
  if (!s) return [];
  const raw: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) cur += s[++i]!;
    else if (c === ';') {
      raw.push(cur);
      cur = '';
    } else cur += c;
  }
  raw.push(cur);
  // `|` and the field come before the first `:`; the value is the rest, whatever it holds.
  const out: SearchTerm[] = [];
  for (const term of raw) {
    const or = term.startsWith('|');
    const body = or ? term.slice(1) : term;
    const colon = body.indexOf(':');
    const field = body.slice(0, colon) as SearchTerm['field'];
    if (colon < 0 || !FIELDS.has(field)) continue;
    out.push({ field, value: body.slice(colon + 1), join: out.length > 0 && or ? 'or' : 'and' });
  }
  return out;
}

/** The graph view's parameters that search for one account or host. */
export function graphSearch(field: SearchTerm['field'], value: string): Record<string, string> {
  return { search: formatSearch([{ field, value }]) };
}
