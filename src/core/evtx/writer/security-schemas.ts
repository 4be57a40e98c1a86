// The event data Windows writes for the Security events the EVTX writer supports: field names in
// order, value types, and the System values of each event (version, task, keywords…).
//
// Made with `npx tsx scripts/security-schemas.ts` over the corpus (attack-samples and evtx-samples):
// for each event the newest version found there, with the template's declared type and the type
// the records carry (they differ only for pointers: declared size_t, written as HexInt64 on 64-bit
// Windows). Events marked `documented` are not in the corpus: their fields come from Microsoft's
// documentation of the event ("Event XML" and field descriptions), with the types Windows uses for
// the same fields in the corpus's other events (e.g. 5137/5141 share theirs with 5136).
// Names and types are facts about Windows, not corpus content.

/** BinXML value types used here (MS-EVEN6 2.2.18; see binxml/values.ts). */
export const VT = {
  Null: 0x00,
  String: 0x01,
  UInt8: 0x04,
  UInt16: 0x06,
  UInt32: 0x08,
  UInt64: 0x0a,
  Guid: 0x0f,
  SizeT: 0x10,
  FileTime: 0x11,
  Sid: 0x13,
  HexInt32: 0x14,
  HexInt64: 0x15,
  BinXml: 0x21,
} as const;

export interface FieldSchema {
  readonly name: string;
  /** Type of the values written (and of the template's substitution, unless `declared` says otherwise). */
  readonly type: number;
  /** Type in the template's substitution token. */
  readonly declared: number;
}

export type Provider = 'Microsoft-Windows-Security-Auditing' | 'Microsoft-Windows-Eventlog';

export interface EventSchema {
  readonly eventId: number;
  readonly version: number;
  readonly provider: Provider;
  readonly level: number;
  readonly task: number;
  readonly opcode: number;
  /** 0x8020000000000000 is Audit Success, 0x8010000000000000 Audit Failure. */
  readonly keywords: bigint;
  /** Where the fields go: `<EventData><Data Name>` elements, or the UserData element named here. */
  readonly userData?: { readonly element: string; readonly attributes: readonly (readonly [string, string])[] };
  readonly fields: readonly FieldSchema[];
  /** `corpus`: read from real logs; `documented`: from Microsoft's documentation (absent from the corpus). */
  readonly source: 'corpus' | 'documented';
}

const S = 'S';
const SID = 'SID';
const HEX64 = 'HEX64';
const HEX32 = 'HEX32';
const U32 = 'U32';
const GUID = 'GUID';
/** A pointer: the template declares size_t, 64-bit Windows writes HexInt64. */
const PTR = 'PTR';
type Kind = typeof S | typeof SID | typeof HEX64 | typeof HEX32 | typeof U32 | typeof GUID | typeof PTR;

const KINDS: Record<Kind, [type: number, declared: number]> = {
  S: [VT.String, VT.String],
  SID: [VT.Sid, VT.Sid],
  HEX64: [VT.HexInt64, VT.HexInt64],
  HEX32: [VT.HexInt32, VT.HexInt32],
  U32: [VT.UInt32, VT.UInt32],
  GUID: [VT.Guid, VT.Guid],
  PTR: [VT.HexInt64, VT.SizeT],
};

/** Fields from "Name:KIND" words (KIND defaults to a string). */
function fields(spec: string): FieldSchema[] {
  return spec
    .trim()
    .split(/\s+/)
    .map((word) => {
      const [name, kind = S] = word.split(':') as [string, Kind?];
      const [type, declared] = KINDS[kind];
      return { name, type, declared };
    });
}

const SUBJECT = 'SubjectUserSid:SID SubjectUserName SubjectDomainName SubjectLogonId:HEX64';
const GROUP_MEMBER = `MemberName MemberSid:SID TargetUserName TargetDomainName TargetSid:SID ${SUBJECT} PrivilegeList`;
const DS_OBJECT = `OpCorrelationID:GUID AppCorrelationID ${SUBJECT} DSName DSType ObjectDN ObjectGUID:GUID ObjectClass`;

const SUCCESS = 0x8020000000000000n;
const FAILURE = 0x8010000000000000n;

function auditing(eventId: number, version: number, task: number, spec: string, source: 'corpus' | 'documented' = 'corpus', keywords = SUCCESS): EventSchema {
  return { eventId, version, provider: 'Microsoft-Windows-Security-Auditing', level: 0, task, opcode: 0, keywords, fields: fields(spec), source };
}

const LIST: EventSchema[] = [
  auditing(
    4624,
    2,
    12544,
    `${SUBJECT} TargetUserSid:SID TargetUserName TargetDomainName TargetLogonId:HEX64 LogonType:U32 LogonProcessName
     AuthenticationPackageName WorkstationName LogonGuid:GUID TransmittedServices LmPackageName KeyLength:U32 ProcessId:PTR
     ProcessName IpAddress IpPort ImpersonationLevel RestrictedAdminMode TargetOutboundUserName TargetOutboundDomainName
     VirtualAccount TargetLinkedLogonId:HEX64 ElevatedToken`,
  ),
  auditing(
    4625,
    0,
    12544,
    `${SUBJECT} TargetUserSid:SID TargetUserName TargetDomainName Status:HEX32 FailureReason SubStatus:HEX32 LogonType:U32
     LogonProcessName AuthenticationPackageName WorkstationName TransmittedServices LmPackageName KeyLength:U32 ProcessId:PTR
     ProcessName IpAddress IpPort`,
    'corpus',
    FAILURE,
  ),
  auditing(4634, 0, 12545, 'TargetUserSid:SID TargetUserName TargetDomainName TargetLogonId:HEX64 LogonType:U32'),
  auditing(4647, 0, 12545, 'TargetUserSid:SID TargetUserName TargetDomainName TargetLogonId:HEX64'),
  auditing(
    4648,
    0,
    12544,
    `${SUBJECT} LogonGuid:GUID TargetUserName TargetDomainName TargetLogonGuid:GUID TargetServerName TargetInfo ProcessId:PTR
     ProcessName IpAddress IpPort`,
  ),
  auditing(
    4662,
    0,
    14080,
    `${SUBJECT} ObjectServer ObjectType ObjectName OperationType HandleId:PTR AccessList AccessMask:HEX32 Properties
     AdditionalInfo AdditionalInfo2`,
  ),
  auditing(4672, 0, 12548, `${SUBJECT} PrivilegeList`),
  auditing(
    4688,
    2,
    13312,
    `${SUBJECT} NewProcessId:PTR NewProcessName TokenElevationType ProcessId:PTR CommandLine TargetUserSid:SID TargetUserName
     TargetDomainName TargetLogonId:HEX64 ParentProcessName MandatoryLabel:SID`,
  ),
  // Not in the corpus: Microsoft's documentation of 4719 (version 0, task 13568 Audit Policy Change).
  auditing(4719, 0, 13568, `${SUBJECT} CategoryId SubcategoryId SubcategoryGuid:GUID AuditPolicyChanges`, 'documented'),
  auditing(
    4720,
    0,
    13824,
    `TargetUserName TargetDomainName TargetSid:SID ${SUBJECT} PrivilegeList SamAccountName DisplayName UserPrincipalName
     HomeDirectory HomePath ScriptPath ProfilePath UserWorkstations PasswordLastSet AccountExpires PrimaryGroupId
     AllowedToDelegateTo OldUacValue NewUacValue UserAccountControl UserParameters SidHistory LogonHours`,
  ),
  // Not in the corpus: Microsoft's documentation of 4726 (version 0, task 13824 User Account Management).
  auditing(4726, 0, 13824, `TargetUserName TargetDomainName TargetSid:SID ${SUBJECT} PrivilegeList`, 'documented'),
  auditing(4728, 0, 13826, GROUP_MEMBER),
  // Not in the corpus: Microsoft's documentation of 4729 (version 0, task 13826 Security Group Management; fields as 4728).
  auditing(4729, 0, 13826, GROUP_MEMBER, 'documented'),
  auditing(4732, 0, 13826, GROUP_MEMBER),
  auditing(4733, 0, 13826, GROUP_MEMBER),
  // Not in the corpus: Microsoft's documentation of 4756 and 4757 (version 0, task 13826; fields as 4728).
  auditing(4756, 0, 13826, GROUP_MEMBER, 'documented'),
  auditing(4757, 0, 13826, GROUP_MEMBER, 'documented'),
  auditing(
    4768,
    0,
    14339,
    `TargetUserName TargetDomainName TargetSid:SID ServiceName ServiceSid:SID TicketOptions:HEX32 Status:HEX32
     TicketEncryptionType:HEX32 PreAuthType IpAddress IpPort CertIssuerName CertSerialNumber CertThumbprint`,
  ),
  auditing(
    4769,
    0,
    14337,
    `TargetUserName TargetDomainName ServiceName ServiceSid:SID TicketOptions:HEX32 TicketEncryptionType:HEX32 IpAddress
     IpPort Status:HEX32 LogonGuid:GUID TransmittedServices`,
  ),
  auditing(
    4771,
    0,
    14339,
    'TargetUserName TargetSid:SID ServiceName TicketOptions:HEX32 Status:HEX32 PreAuthType IpAddress IpPort CertIssuerName CertSerialNumber CertThumbprint',
    'corpus',
    FAILURE,
  ),
  auditing(4776, 0, 14336, 'PackageName TargetUserName Workstation Status:HEX32'),
  // Not in the corpus: Microsoft's documentation of 5137 and 5141 (version 0, task 14081 Directory Service Changes);
  // the types of their fields are those of 5136, which the corpus holds.
  auditing(5137, 0, 14081, DS_OBJECT, 'documented'),
  auditing(5141, 0, 14081, `${DS_OBJECT} TreeDelete`, 'documented'),
  {
    eventId: 1102,
    version: 0,
    provider: 'Microsoft-Windows-Eventlog',
    level: 4,
    task: 104,
    opcode: 0,
    keywords: 0x4020000000000000n,
    userData: {
      element: 'LogFileCleared',
      attributes: [
        ['xmlns:auto-ns3', 'http://schemas.microsoft.com/win/2004/08/events'],
        ['xmlns', 'http://manifests.microsoft.com/win/2004/08/windows/eventlog'],
      ],
    },
    fields: fields(SUBJECT),
    source: 'corpus',
  },
];

export const SECURITY_SCHEMAS: ReadonlyMap<number, EventSchema> = new Map(LIST.map((s) => [s.eventId, s]));

export const PROVIDER_GUIDS: Record<Provider, string> = {
  'Microsoft-Windows-Security-Auditing': '54849625-5478-4994-A5BA-3E3B0328C30D',
  'Microsoft-Windows-Eventlog': 'FC65DDD8-D6EF-4962-83D5-6E5CFE9CE148',
};

export function securitySchema(eventId: number): EventSchema {
  const schema = SECURITY_SCHEMAS.get(eventId);
  if (!schema) throw new RangeError(`EvtxWriter: no schema for event ${eventId} (supported: ${[...SECURITY_SCHEMAS.keys()].join(', ')})`);
  return schema;
}
