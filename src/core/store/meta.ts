import type { CaseOptions, CaseSource } from '../case/facts';
import type { CaseSnapshot } from '../case/snapshot';

/** Counts from the last analysis, kept with the case so the list and summary need no analysis. */
export interface CaseCounts {
  users: number;
  hosts: number;
  edges: number;
  detections: Record<string, number>;
}

/** What the case list shows: kept apart from the snapshot so listing never reads event data. */
export interface CaseMeta {
  id: string;
  name: string;
  /** ms since the epoch (real time). */
  createdAt: number;
  updatedAt: number;
  options: CaseOptions;
  /** Bytes of the stored snapshot (the case file). */
  bytes: number;
  /** First and last hour bucket of the events (shifted time, ms), null when empty. */
  firstHour: number | null;
  lastHour: number | null;
  logonEvents: number;
  sources: CaseSource[];
  /** Increases with every commit: a save computed from an older revision is refused. */
  revision: number;
  counts: CaseCounts | null;
}

/** The content part of a case's meta, read off its snapshot. */
export function contentMeta(s: CaseSnapshot, bytes: number): Pick<CaseMeta, 'options' | 'bytes' | 'firstHour' | 'lastHour' | 'logonEvents' | 'sources'> {
  return {
    options: { ...s.options },
    bytes,
    firstHour: s.firstHour,
    lastHour: s.lastHour,
    logonEvents: s.columns.time.length,
    sources: s.sources.map((x) => ({ ...x })),
  };
}

/** A case name as stored: trimmed, one line, not empty, at most 200 characters. */
export function cleanCaseName(name: string): string {
  const clean = name.replace(/[\r\n\t]+/g, ' ').trim();
  if (clean === '') throw new Error('A case needs a name.');
  if (clean.length > 200) throw new Error('A case name is at most 200 characters long.');
  return clean;
}
