/** The fields the logon analysis reads from every event: what the fast-path benchmark asks for. */
export const LOGON_FIELDS = [
  'System.EventID',
  'System.TimeCreated.SystemTime',
  'System.Computer',
  'System.EventRecordID',
  'TargetUserName',
  'TargetDomainName',
  'TargetUserSid',
  'SubjectUserName',
  'IpAddress',
  'WorkstationName',
  'LogonType',
  'Status',
  'AuthenticationPackageName',
  'LmPackageName',
];
