import { formatShifted } from '../../core/logon';

/**
 * The case's time window is in shifted time (UTC plus the case's offset), the time shown everywhere:
 * a datetime-local value is read as that wall-clock time, not the browser's zone.
 */
export function parseWindowInput(value: string): number | null {
  if (value.trim() === '') return null;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  return Number.isFinite(ms) ? ms : null;
}

export function formatHour(ms: number | null): string {
  return ms === null ? '–' : formatShifted(ms).slice(0, 16);
}

export function formatSpan(first: number | null, last: number | null): string {
  if (first === null || last === null) return 'no events';
  return `${formatHour(first)} – ${formatHour(last + 3_599_000)}`;
}
