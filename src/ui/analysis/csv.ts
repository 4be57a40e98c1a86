/**
 * CSV for the timeline downloads (DOM-free: built in the case worker and unit tested in Node).
 *
 * Every cell is attacker-controlled text once a log is read, so each one is made safe for
 * spreadsheets: a cell starting with `=`, `+`, `-`, `@`, tab or CR would be read as a formula by
 * Excel or LibreOffice, so it gets a leading `'` (OWASP's CSV injection advice). Cells holding a
 * comma, quote or line break are quoted (RFC 4180) — the reference wrote names raw, which split a
 * name with a comma over two columns.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, formula-escaped and quoted as needed. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvRow(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

/** Lines end in CRLF (RFC 4180), the last one too. */
export function csvText(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((r) => `${csvRow(r)}\r\n`).join('');
}

/** A count as the reference printed it: Python's float repr of an integer (`3.0`). */
export const pyFloat = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

const pad = (n: number) => String(n).padStart(2, '0');

/** An hour (shifted ms) as the timeline CSV header writes it: `YYYY-MM-DDTHH:00:00`, the case's clock. */
export function hourLabel(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:00:00`;
}

/** The event ids of a timeline, in the reference's column order (§6.11). */
export const TIMELINE_IDS = [4624, 4625, 4768, 4769, 4776] as const;

export interface TimelineSeries {
  name: string;
  /** Dense hourly counts per event id, each `hours` long (missing ids count as zeros). */
  counts: Partial<Record<number, ArrayLike<number>>>;
}

function total(s: TimelineSeries, hours: number): number[] {
  const out = new Array<number>(hours).fill(0);
  for (const id of TIMELINE_IDS) {
    const c = s.counts[id];
    if (c) for (let t = 0; t < hours; t++) out[t]! += c[t] ?? 0;
  }
  return out;
}

function series(c: ArrayLike<number> | undefined, hours: number): string[] {
  return Array.from({ length: hours }, (_, t) => pyFloat(c?.[t] ?? 0));
}

/**
 * The reference's "Download → Summary" (`timeline.csv`): a header `username,<hour>,…`, then one
 * row per account: its name and its hourly total over the five logon ids.
 */
export function summaryCsv(first: number, hours: number, rows: Iterable<TimelineSeries>, nameHeader = 'username'): string {
  const out = [csvRow([nameHeader, ...hourHeaders(first, hours)])];
  for (const r of rows) out.push(csvRow([r.name, ...total(r, hours).map(pyFloat)]));
  return out.map((l) => `${l}\r\n`).join('');
}

/**
 * The reference's "Download → Details": a header `username,id,<hour>,…`, then five lines per
 * account, one per event id; the name is on the first of them only, as in the reference.
 */
export function detailsCsv(first: number, hours: number, rows: Iterable<TimelineSeries>, nameHeader = 'username'): string {
  const out = [csvRow([nameHeader, 'id', ...hourHeaders(first, hours)])];
  for (const r of rows) {
    TIMELINE_IDS.forEach((id, i) => out.push(csvRow([i === 0 ? r.name : '', id, ...series(r.counts[id], hours)])));
  }
  return out.map((l) => `${l}\r\n`).join('');
}

function hourHeaders(first: number, hours: number): string[] {
  return Array.from({ length: hours }, (_, t) => hourLabel(first + t * 3_600_000));
}

/** A file name from a case name, for downloads: path separators and control characters replaced. */
export function downloadName(caseName: string, suffix: string): string {
  const safe = caseName.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').trim() || 'case';
  return `${safe.slice(0, 100)}-${suffix}`;
}

/** The detections list as CSV (every detection, not only the page shown): one row each, details as `key=value; …`. */
export function detectionsCsv(rows: readonly { kind: string; account: string | null; host: string | null; time: number; lastTime: number; count: number; recordIds: readonly number[]; details: Record<string, string> }[], time: (ms: number) => string): string {
  const out: (string | number)[][] = [['time', 'last_time', 'kind', 'account', 'host', 'events', 'details', 'record_ids']];
  for (const d of rows)
    out.push([time(d.time), time(d.lastTime), d.kind, d.account ?? '', d.host ?? '', d.count, Object.entries(d.details).map(([k, v]) => `${k}=${v}`).join('; '), d.recordIds.join(' ')]);
  return csvText(out);
}

/** The rankings as CSV, in the order shown; accounts carry the ChangeFinder, HMM and admin columns. */
export function ranksCsv(rows: readonly { name: string; rank: number; standardRank: number; changeFinderMax: number | null; hmm: boolean | null; admin: boolean | null }[], kind: 'account' | 'host'): string {
  const head = kind === 'account' ? ['account', 'logontracer_rank', 'standard_rank', 'changefinder_max', 'hmm', 'admin'] : ['host', 'logontracer_rank', 'standard_rank'];
  const out: (string | number)[][] = [head];
  for (const r of rows) {
    const base = [r.name, r.rank, r.standardRank];
    out.push(kind === 'account' ? [...base, r.changeFinderMax ?? '', r.hmm ? 'yes' : 'no', r.admin ? 'yes' : 'no'] : base);
  }
  return csvText(out);
}
