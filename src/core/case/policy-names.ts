/** Audit policy category and subcategory names, as LogonTracer translates 4719 (reference §3.6). */

export const POLICY_CATEGORIES: Readonly<Record<string, string>> = {
  '%%8280': 'Account_Logon',
  '%%8270': 'Account_Management',
  '%%8276': 'Detailed_Tracking',
  '%%8279': 'DS_Access',
  '%%8273': 'Logon/Logoff',
  '%%8274': 'Object_Access',
  '%%8277': 'Policy_Change',
  '%%8275': 'Privilege_Use',
  '%%8272': 'System',
};

// {0cce92XX-69ae-11d9-bed3-505054503030} for XX = 0x10 … 0x43, in order.
const SUBCATEGORY_NAMES = (
  'SecurityStateChange SecuritySubsystemExtension Integrity IPSecDriverEvents Others Logon Logoff AccountLockout ' +
  'IPSecMainMode IPSecQuickMode IPSecUserMode SpecialLogon Others FileSystem Registry Kernel Sam CertificationServices ' +
  'ApplicationGenerated Handle Share FirewallPacketDrops FirewallConnection Other Sensitive NonSensitive Others ' +
  'ProcessCreation ProcessTermination DpapiActivity RpcCall AuditPolicy AuthenticationPolicy AuthorizationPolicy ' +
  'MpsscvRulePolicy WfpIPSecPolicy Others UserAccount ComputerAccount SecurityGroup DistributionGroup ApplicationGroup ' +
  'Others DSAccess AdAuditChanges Replication DetailedReplication CredentialValidation Kerberos Others ' +
  'KerbCredentialValidation NPS'
).split(' ');

export const POLICY_SUBCATEGORIES: Readonly<Record<string, string>> = Object.fromEntries(
  SUBCATEGORY_NAMES.map((name, i) => [`{0cce92${(0x10 + i).toString(16)}-69ae-11d9-bed3-505054503030}`, name]),
);

/** The category's name, or the code itself when unknown (as the reference stores it raw). */
export function categoryName(code: string | null): string {
  return code === null ? '-' : (POLICY_CATEGORIES[code] ?? code);
}

export function subcategoryName(guid: string | null): string {
  return guid === null ? '-' : (POLICY_SUBCATEGORIES[guid.toLowerCase()] ?? guid);
}
