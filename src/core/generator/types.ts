/**
 * Shapes shared by the scenario generator. It emits the EVTX writer's `SecurityEvent`: the
 * computer is the logging host's FQDN, record ids run 1, 2, 3… in time order, fields use real
 * Windows names in template order (UserData for 1102), keywords mark audit success or failure.
 */
export type { SecurityEvent } from '../evtx/writer/writer';

export const ATTACK_KINDS = [
  'password-spraying',
  'brute-force',
  'pass-the-hash',
  'rdp-hopping',
  'dcsync',
  'dcshadow',
  'new-domain-admin',
  'audit-policy-change',
  'ms14-068',
  'log-clearing',
] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

export interface ScenarioOptions {
  /** Same seed and options give the same events. */
  seed: number | string;
  users: number;
  workstations: number;
  servers: number;
  domainControllers: number;
  days: number;
  /** First day (its UTC date is used; the domain's clock is UTC). */
  start: Date | string | number;
  /** Attacks to inject; each kind may be listed more than once. */
  attacks: readonly AttackKind[];
  /** Put HTML, script, CSV-formula, Cypher and other payloads into account, host and domain names. */
  hostile?: boolean;
  /** NetBIOS name (the FQDN is `<name>.local`), or both. */
  domain?: string | { netbios: string; fqdn: string };
  /**
   * Only emit these event ids (for instance those an EVTX writer supports); the others are dropped
   * before record ids are given, so ids stay consecutive. By default every generated id is emitted.
   */
  eventIds?: readonly number[];
}

/** Every event id the generator can emit. */
export const GENERATED_EVENT_IDS = [
  1102, 4624, 4625, 4634, 4647, 4648, 4662, 4672, 4688, 4719, 4720, 4726, 4728, 4729, 4732, 4733, 4756, 4757, 4768, 4769, 4771, 4776, 5137,
  5141,
] as const;

/** What one injected attack did: enough to check a detector against. */
export interface GroundTruth {
  kind: AttackKind;
  /** Account names involved (sAMAccountName as logged, e.g. `jdoe`, `WS0001$`). */
  accounts: string[];
  /** Host names involved (NetBIOS names as in WorkstationName; the attacker's own machine too). */
  hosts: string[];
  /** Time of the attack's first and last event, ms since the epoch. */
  start: number;
  end: number;
  /** EventRecordIDs of the attack's events, ascending. */
  recordIds: number[];
}

export const AUDIT_SUCCESS = 0x8020000000000000n;
export const AUDIT_FAILURE = 0x8010000000000000n;
/** Keywords of 1102 (Microsoft-Windows-Eventlog, "audit log cleared"). */
export const LOG_CLEARED = 0x4020000000000000n;
