import type { ScanCorrelationHit, ScanHit } from '../../core/sigma';
import { levelRank } from '../../core/sigma/scan';

/**
 * Sigma results as CSV and JSON, and the filters of the results table (DOM-free: unit tested).
 * Every cell is attacker-controlled text (log values) or third-party text (rule titles), so CSV
 * cells starting with = + - @ tab or CR get a leading ' (spreadsheet formula injection).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number): string {
  let s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvLine = (cells: readonly (string | number)[]) => `${cells.map(csvCell).join(',')}\r\n`;

export const fieldsText = (fields: Record<string, string>): string =>
  Object.entries(fields)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

export const HIT_COLUMNS = ['time', 'level', 'rule', 'rule_id', 'status', 'computer', 'channel', 'event_id', 'record_id', 'file', 'matched_fields', 'rule_author', 'rule_source'] as const;

/** Hits as CSV (RFC 4180, CRLF), with the rule's author and source for attribution. */
export function hitsCsv(hits: readonly ScanHit[]): string {
  let out = csvLine(HIT_COLUMNS);
  for (const h of hits) out += csvLine([h.time, h.level, h.title, h.ruleId, h.status, h.computer, h.channel, Number.isNaN(h.eventId) ? '' : h.eventId, h.recordId, h.file, fieldsText(h.fields), h.author, h.source]);
  return out;
}

export function correlationsCsv(list: readonly ScanCorrelationHit[]): string {
  let out = csvLine(['first', 'last', 'level', 'rule', 'rule_id', 'status', 'type', 'group', 'value', 'events', 'rule_author', 'rule_source']);
  for (const c of list) out += csvLine([c.first, c.last, c.level, c.title, c.ruleId, c.status, c.type, fieldsText(c.group), c.value, c.eventCount, c.author, c.source]);
  return out;
}

/** Hits and correlation hits as one JSON document (raw events left out unless asked). */
export function resultsJson(hits: readonly ScanHit[], correlations: readonly ScanCorrelationHit[], withRaw = false): string {
  const strip = (h: ScanHit) => {
    if (withRaw) return h;
    const { raw: _raw, ...rest } = h;
    return rest;
  };
  return JSON.stringify({ hits: hits.map(strip), correlations }, null, 1);
}

export interface HitFilter {
  /** Text searched in rule title, computer, file and matched field values (case-insensitive). */
  q: string;
  /** Lowest level shown. */
  level: string;
  /** Only this rule (id), or all. */
  rule: string;
}

export function filterHits(hits: readonly ScanHit[], f: HitFilter): ScanHit[] {
  const q = f.q.trim().toLowerCase();
  const min = f.level ? levelRank(f.level) : 0;
  return hits.filter((h) => {
    if (min > 0 && levelRank(h.level) < min) return false;
    if (f.rule && h.ruleId !== f.rule) return false;
    if (!q) return true;
    if (h.title.toLowerCase().includes(q) || h.computer.toLowerCase().includes(q) || h.file.toLowerCase().includes(q)) return true;
    for (const v of Object.values(h.fields)) if (v.toLowerCase().includes(q)) return true;
    return false;
  });
}

/** Account fields of a hit, in the order the graph link prefers them. */
const ACCOUNT_FIELDS = ['TargetUserName', 'SubjectUserName', 'User', 'UserName', 'AccountName', 'SamAccountName', 'MemberName'];

/** Accounts a hit names (machine and placeholder names left out), for links into the graph. */
export function accountsOf(fields: Record<string, string>): string[] {
  const out: string[] = [];
  for (const k of ACCOUNT_FIELDS) {
    const v = fields[k];
    if (!v || v === '-' || v.endsWith('$') || out.includes(v)) continue;
    // `user@REALM` (4769) and `DOMAIN\user` name the same account node.
    const name = v.includes('\\') ? v.slice(v.lastIndexOf('\\') + 1) : v.includes('@') && k === 'TargetUserName' ? v.slice(0, v.indexOf('@')) : v;
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}
