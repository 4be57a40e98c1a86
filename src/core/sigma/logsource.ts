/**
 * Sigma log sources → Windows event log channels and event ids, as SigmaHQ's own regression
 * runner maps them (its `tests/thor.yml`): a generic category is a service plus event id
 * conditions (`process_creation` is Sysmon 1, or Security 4688 with `Image` read from
 * `NewProcessName`), and a service is one or more channels. Written here as data; a few services
 * SigmaHQ rules use that thor.yml lacks are added (marked "added").
 */

export interface LogSource {
  product?: string;
  category?: string;
  service?: string;
}

/** Where a rule runs: channels (lower-cased; null = any), extra conditions and field renames. */
export interface SourceTarget {
  /** Channel names as Windows writes them (System/Channel). null: every channel. */
  channels: readonly string[] | null;
  /** Conditions the event must also meet, e.g. `{ EventID: [1] }` (field → any of the values). */
  conditions: Readonly<Record<string, readonly (string | number)[]>>;
  /** Rule field name → event field name. */
  fieldMap: Readonly<Record<string, string>>;
  /** A short name for reports: `sysmon`, `security`, … */
  service: string;
}

interface CategoryEntry {
  service: string;
  conditions: Record<string, readonly (string | number)[]>;
  fieldMap?: Record<string, string>;
}

const sysmon = (...ids: number[]): CategoryEntry => ({ service: 'sysmon', conditions: { EventID: ids } });

/** Generic categories of product windows (thor.yml's conditions and rewrites). */
export const CATEGORIES: Readonly<Record<string, readonly CategoryEntry[]>> = {
  process_creation: [
    sysmon(1),
    { service: 'security', conditions: { EventID: [4688] }, fieldMap: { Image: 'NewProcessName', ParentImage: 'ParentProcessName' } },
  ],
  file_change: [sysmon(2)],
  network_connection: [sysmon(3)],
  sysmon_status: [sysmon(4, 16)],
  process_termination: [sysmon(5)],
  driver_load: [sysmon(6)],
  image_load: [sysmon(7)],
  create_remote_thread: [sysmon(8)],
  raw_access_thread: [sysmon(9)],
  process_access: [sysmon(10)],
  file_event: [sysmon(11)],
  registry_event: [sysmon(12, 13, 14)],
  registry_add: [{ service: 'sysmon', conditions: { EventID: [12], EventType: ['CreateKey'] } }],
  registry_delete: [{ service: 'sysmon', conditions: { EventID: [12], EventType: ['DeleteKey', 'DeleteValue'] } }],
  registry_set: [sysmon(13)],
  registry_rename: [sysmon(14)],
  create_stream_hash: [sysmon(15)],
  pipe_created: [sysmon(17, 18)],
  wmi_event: [sysmon(19, 20, 21)],
  dns_query: [sysmon(22)],
  file_delete: [sysmon(23)],
  clipboard_change: [sysmon(24)],
  process_tampering: [sysmon(25)],
  file_delete_detected: [sysmon(26)],
  file_block_executable: [sysmon(27)],
  file_block_shredding: [sysmon(28)],
  file_executable_detected: [sysmon(29)],
  sysmon_error: [sysmon(255)],
  ps_module: [{ service: 'powershell', conditions: { EventID: [4103] } }],
  ps_script: [{ service: 'powershell', conditions: { EventID: [4104] } }],
  ps_classic_start: [{ service: 'powershell-classic', conditions: { EventID: [400] } }],
  ps_classic_provider_start: [{ service: 'powershell-classic', conditions: { EventID: [600] } }],
  ps_classic_script: [{ service: 'powershell-classic', conditions: { EventID: [800] } }],
};

/** Categories that need no product (thor.yml: the Defender mapping of `antivirus`). */
export const PRODUCTLESS_CATEGORIES: Readonly<Record<string, readonly CategoryEntry[]>> = {
  antivirus: [
    {
      service: 'windefend',
      conditions: { EventID: [1006, 1007, 1008, 1009, 1010, 1011, 1012, 1017, 1018, 1019, 1115, 1116] },
      fieldMap: { Signature: 'ThreatName', Filename: 'Path' },
    },
  ],
};

/** Services of product windows → channels (thor.yml's `sources`, without the `WinEventLog:` prefix). */
export const SERVICES: Readonly<Record<string, readonly string[]>> = {
  application: ['Application'],
  security: ['Security'],
  system: ['System'],
  ntlm: ['Microsoft-Windows-NTLM/Operational'],
  sysmon: ['Microsoft-Windows-Sysmon/Operational'],
  powershell: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'],
  'powershell-classic': ['Windows PowerShell'],
  taskscheduler: ['Microsoft-Windows-TaskScheduler/Operational'],
  wmi: ['Microsoft-Windows-WMI-Activity/Operational'],
  dhcp: ['Microsoft-Windows-DHCP-Server/Operational'],
  'printservice-admin': ['Microsoft-Windows-PrintService/Admin'],
  'smbclient-security': ['Microsoft-Windows-SmbClient/Security'],
  'smbclient-connectivity': ['Microsoft-Windows-SmbClient/Connectivity'],
  'smbserver-connectivity': ['Microsoft-Windows-SMBServer/Connectivity'],
  'printservice-operational': ['Microsoft-Windows-PrintService/Operational'],
  'terminalservices-localsessionmanager': ['Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'],
  'codeintegrity-operational': ['Microsoft-Windows-CodeIntegrity/Operational'],
  applocker: [
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  'msexchange-management': ['MSExchange Management'],
  windefend: ['Microsoft-Windows-Windows Defender/Operational'],
  'firewall-as': ['Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'],
  'bits-client': ['Microsoft-Windows-Bits-Client/Operational'],
  'security-mitigations': ['Microsoft-Windows-Security-Mitigations/Kernel Mode', 'Microsoft-Windows-Security-Mitigations/User Mode'],
  'diagnosis-scripted': ['Microsoft-Windows-Diagnosis-Scripted/Operational'],
  'shell-core': ['Microsoft-Windows-Shell-Core/Operational'],
  openssh: ['OpenSSH/Operational'],
  ldap: ['Microsoft-Windows-LDAP-Client/Debug'],
  bitlocker: ['Microsoft-Windows-BitLocker/BitLocker Management'],
  vhdmp: ['Microsoft-Windows-VHDMP/Operational'],
  'appxdeployment-server': ['Microsoft-Windows-AppXDeploymentServer/Operational'],
  'lsa-server': ['Microsoft-Windows-LSA/Operational'],
  'appxpackaging-om': ['Microsoft-Windows-AppxPackaging/Operational'],
  'dns-client': ['Microsoft-Windows-DNS Client Events/Operational'],
  'appmodel-runtime': ['Microsoft-Windows-AppModel-Runtime/Admin'],
  capi2: ['Microsoft-Windows-CAPI2/Operational'],
  'certificateservicesclient-lifecycle-system': ['Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational'],
  'kernel-shimengine': ['Microsoft-Windows-Kernel-ShimEngine/Operational', 'Microsoft-Windows-Kernel-ShimEngine/Diagnostic'],
  'application-experience': [
    'Microsoft-Windows-Application-Experience/Program-Telemetry',
    'Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant',
  ],
  ntfs: ['Microsoft-Windows-Ntfs/Operational'],
  'hyper-v-worker': ['Microsoft-Windows-Hyper-V-Worker'],
  'kernel-event-tracing': ['Microsoft-Windows-Kernel-EventTracing'],
  sense: ['Microsoft-Windows-SENSE/Operational'],
  'servicebus-client': ['Microsoft-ServiceBus-Client/Admin', 'Microsoft-ServiceBus-Client/Operational'],
  'iis-configuration': ['Microsoft-IIS-Configuration/Operational'],
  // added: services SigmaHQ's Windows rules use that thor.yml does not list
  'microsoft-servicebus-client': ['Microsoft-ServiceBus-Client/Admin', 'Microsoft-ServiceBus-Client/Operational'],
  'driver-framework': ['Microsoft-Windows-DriverFrameworks-UserMode/Operational'],
  'dns-server': ['DNS Server'],
  'dns-server-analytic': ['Microsoft-Windows-DNSServer/Analytical'],
};

/**
 * Where a rule with this log source runs on Windows event logs: one target per channel set and
 * condition set, or an empty list with the reason when it does not apply to Windows event logs
 * (another product, or a category no event log records).
 */
export function resolveLogSource(ls: LogSource): { targets: SourceTarget[]; reason?: string } {
  const product = ls.product?.toLowerCase();
  const category = ls.category?.toLowerCase();
  const service = ls.service?.toLowerCase();
  if (product !== undefined && product !== 'windows') return { targets: [], reason: `product ${ls.product} is not Windows event logs` };
  if (category !== undefined) {
    const entries = product === 'windows' ? CATEGORIES[category] ?? PRODUCTLESS_CATEGORIES[category] : PRODUCTLESS_CATEGORIES[category];
    if (!entries) return { targets: [], reason: `category ${ls.category}${product ? '' : ' without product windows'} has no Windows event log mapping` };
    const targets: SourceTarget[] = [];
    for (const e of entries) {
      if (service !== undefined && service !== e.service) continue;
      targets.push({ channels: SERVICES[e.service] ?? null, conditions: e.conditions, fieldMap: e.fieldMap ?? {}, service: e.service });
    }
    if (targets.length === 0) return { targets, reason: `category ${ls.category} with service ${ls.service} has no mapping` };
    return { targets };
  }
  if (service !== undefined) {
    const channels = SERVICES[service];
    if (!channels) return { targets: [], reason: `service ${ls.service} has no Windows channel mapping` };
    return { targets: [{ channels, conditions: {}, fieldMap: {}, service }] };
  }
  if (product === 'windows') return { targets: [{ channels: null, conditions: {}, fieldMap: {}, service: 'windows' }] };
  return { targets: [], reason: 'log source names no product, category or service' };
}
