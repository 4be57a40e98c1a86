/** What the normalisation step yields for one record (reference §2.4–§2.8). */

/** Shared by every kind. */
export interface EventBase {
  readonly eventId: number;
  /** EventRecordID, when the record has one. */
  readonly recordId: number | null;
  /**
   * Shifted time (SystemTime truncated to the second, plus the time zone offset), as milliseconds of
   * that naive wall-clock time read as UTC. `formatShifted` gives the reference's `YYYY-MM-DD HH:MM:SS`.
   */
  readonly time: number;
}

/** The logon branch: 4624, 4625, 4768, 4769, 4776. */
export interface LogonBranchEvent extends EventBase {
  readonly kind: 'logon' | 'logon-failure' | 'kerberos-tgt' | 'kerberos-tgs' | 'ntlm';
  /** User key: lower-cased account name before any `@` (no trailing `@`, see the differences document). */
  readonly user: string;
  /** Host key: the IP if known, otherwise the host name. */
  readonly host: string;
  /** Normalised IpAddress/Workstation value, or null. */
  readonly ip: string | null;
  /** Normalised WorkstationName, or null. */
  readonly hostname: string | null;
  /** TargetDomainName verbatim (case kept), or null. */
  readonly domain: string | null;
  /** TargetUserSid/TargetSid, or null (also for the NULL SID S-1-0-0). */
  readonly sid: string | null;
  /** 0 when the event has none (4768, 4769, 4776). */
  readonly logonType: number;
  /** `0x…` lower-case hex, 1–8 digits (short Kerberos codes kept), or null. */
  readonly status: string | null;
  /** AuthenticationPackageName (4776: PackageName), or null. */
  readonly authPackage: string | null;
}

export interface PrivilegedEvent extends EventBase {
  readonly kind: 'privileged';
  readonly user: string;
}

export interface DcsyncAccessEvent extends EventBase {
  readonly kind: 'dcsync-access';
  readonly user: string;
}

/** 5137 / 5141: the subject may be a machine account (null), whose events still share time stamps (§3.7). */
export interface DsObjectEvent extends EventBase {
  readonly kind: 'ds-object-created' | 'ds-object-deleted';
  readonly user: string | null;
}

/** 4719: usually logged by a machine account, so `user` is often null (the reference's orphaned policy). */
export interface PolicyChangeEvent extends EventBase {
  readonly kind: 'policy-change';
  readonly user: string | null;
  /** `%%` and 4 digits, or null. */
  readonly category: string | null;
  /** Lower-cased `{…}`, or null. */
  readonly subcategoryGuid: string | null;
}

export interface AccountEvent extends EventBase {
  readonly kind: 'user-created' | 'user-deleted';
  /** The target account's user key. */
  readonly user: string;
  /** The target account's SID (TargetSid), or null. */
  readonly sid: string | null;
}

export interface GroupMemberEvent extends EventBase {
  readonly kind: 'group-member-added' | 'group-member-removed';
  /** TargetUserName verbatim (case kept). */
  readonly group: string;
  readonly memberSid: string;
}

export interface LogClearedEvent extends EventBase {
  readonly kind: 'log-cleared';
  /** Cut at `@`, lower-cased, no UCHECK; null for a machine account or when missing. */
  readonly user: string | null;
  readonly domain: string | null;
}

export type NormalizedEvent =
  | LogonBranchEvent
  | PrivilegedEvent
  | DcsyncAccessEvent
  | DsObjectEvent
  | PolicyChangeEvent
  | AccountEvent
  | GroupMemberEvent
  | LogClearedEvent;

export type EventKind = NormalizedEvent['kind'];
