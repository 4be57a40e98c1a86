/** The plain-data facts a case keeps between imports (stored as is; see snapshot.ts). */

/** One file imported into a case. */
export interface CaseSource {
  name: string;
  size: number;
  /** Records read from it (all event ids). */
  records: number;
  /** Records the analysis took (handled event ids, in the time window, not seen before). */
  accepted: number;
  /** Records skipped because the case already held them (same computer and record id). */
  duplicates: number;
  /** Problems met while reading it (skipped chunks and records). */
  problems: number;
  /** When it was imported (ms since the epoch, real time). */
  importedAt: number;
}

export interface CaseOptions {
  /** Time zone offset in hours added to every event time (reference `-z`). */
  tzHours: number;
  /** Time window on shifted times (ms, as `time` of normalized events), inclusive; null = open. */
  from: number | null;
  to: number | null;
}

/** A fact with the records it comes from. */
export interface Evidence {
  time: number;
  recordIds: number[];
}

export interface AdminFact {
  user: string;
  count: number;
  first: number;
  last: number;
  recordIds: number[];
}

export interface PolicyFact {
  time: number;
  user: string | null;
  category: string | null;
  subcategoryGuid: string | null;
  recordId: number | null;
}

export interface AccountFact {
  kind: 'user-created' | 'user-deleted';
  user: string;
  sid: string | null;
  time: number;
  recordId: number | null;
}

export interface GroupFact {
  kind: 'group-member-added' | 'group-member-removed';
  group: string;
  memberSid: string;
  time: number;
  recordId: number | null;
}

export interface ClearedFact {
  time: number;
  user: string | null;
  domain: string | null;
  recordId: number | null;
}

export interface UserEvidence extends Evidence {
  user: string;
}

/** At most this many record ids are kept per aggregated fact (the rest are counted). */
export const MAX_EVIDENCE_IDS = 16;
