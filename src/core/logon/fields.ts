/**
 * The one names list the logon analysis reads with `readFieldValues` (plans are cached per array, so
 * this array is the only one ever passed). `F` gives each name's index in it.
 */
export const LOGON_FIELDS = [
  'System.EventID',
  'System.TimeCreated.SystemTime',
  'System.EventRecordID',
  'System.Computer',
  'System.Provider.Name',
  'SubjectUserName',
  'SubjectDomainName',
  'TargetUserName',
  'TargetDomainName',
  'TargetUserSid',
  'TargetSid',
  'IpAddress',
  'Workstation',
  'WorkstationName',
  'LogonType',
  'Status',
  'AuthenticationPackageName',
  'PackageName',
  'MemberSid',
  'CategoryId',
  'SubcategoryGuid',
] as const;

export type LogonFieldName = (typeof LOGON_FIELDS)[number];

/** Index of each name in LOGON_FIELDS. */
export const F = Object.fromEntries(LOGON_FIELDS.map((n, i) => [n, i])) as { readonly [K in LogonFieldName]: number };

/** The event ids the normalisation handles (§2.2 of the reference, plus 1102). */
export const HANDLED_EVENT_IDS = [
  4624, 4625, 4662, 4672, 4719, 4720, 4726, 4728, 4729, 4732, 4733, 4756, 4757, 4768, 4769, 4776, 5137, 5141, 1102,
] as const;
