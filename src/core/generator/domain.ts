import { HOSTILE_DOMAIN, HOSTILE_PAYLOADS, HOSTILE_ROGUE } from './hostile';
import { FIRST_NAMES, LAST_NAMES, SERVER_ROLES, type ServerRole } from './names';
import { bracedGuid, pid } from './format';
import type { Rng } from './rng';

/** The simulated Active Directory domain: accounts, hosts and their addresses. */

export type AccountKind = 'user' | 'service' | 'machine' | 'builtin';

export interface Account {
  /** sAMAccountName as logged (`jdoe`, `svc_sql`, `WS0001$`). */
  name: string;
  sid: string;
  kind: AccountKind;
  /** Member of Domain Admins: its logons get 4672 and an elevated token. */
  admin: boolean;
  /** NetBIOS domain of the account (`TargetDomainName` of its logons). */
  domain: string;
  displayName: string;
  /** Distinguished name, for group membership events. */
  dn: string;
  /** A person's own workstation (index into `workstations`). */
  home?: number;
}

export type HostKind = 'workstation' | 'server' | 'dc' | 'rogue';

export interface Host {
  /** NetBIOS name (WorkstationName, Workstation of 4776). */
  name: string;
  /** The Computer element of the events it logs. */
  fqdn: string;
  ip: string;
  kind: HostKind;
  /** Its machine account (none for an attacker's own box). */
  account: Account | null;
  role?: ServerRole;
  /** lsass.exe: Execution/ProcessID of the Security events it logs. */
  lsass: number;
  /** winlogon.exe and services.exe: ProcessId of logons they ask for. */
  winlogon: number;
  services: number;
}

export interface Domain {
  netbios: string;
  fqdn: string;
  /** FQDN in upper case, as Kerberos events write the realm. */
  realm: string;
  sid: string;
  /** objectGUID of the domain object (ObjectName of DCSync 4662), braced. */
  guid: string;
  /** `DC=corp,DC=local`. */
  base: string;
  people: Account[];
  admins: Account[];
  services: Account[];
  administrator: Account;
  krbtgt: Account;
  workstations: Host[];
  servers: Host[];
  dcs: Host[];
  /** Machines outside the domain that attacks come from. */
  rogues: Host[];
}

export interface DomainOptions {
  users: number;
  workstations: number;
  servers: number;
  domainControllers: number;
  hostile: boolean;
  domain?: string | { netbios: string; fqdn: string };
}

function domainNames(o: DomainOptions): { netbios: string; fqdn: string } {
  if (typeof o.domain === 'string') return { netbios: o.domain.toUpperCase(), fqdn: `${o.domain.toLowerCase()}.local` };
  if (o.domain) return { netbios: o.domain.netbios, fqdn: o.domain.fqdn };
  return o.hostile ? { ...HOSTILE_DOMAIN } : { netbios: 'CORP', fqdn: 'corp.local' };
}

/** Hostile names for the first `n` slots: every payload once, then none. */
function hostileFor(n: number, offset: number): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  for (let i = 0; i < n; i++) out.push(i < HOSTILE_PAYLOADS.length ? HOSTILE_PAYLOADS[(i + offset) % HOSTILE_PAYLOADS.length]!.value : undefined);
  return out;
}

export function buildDomain(rng: Rng, o: DomainOptions): Domain {
  if (o.users < 1 || o.workstations < 1 || o.servers < 1 || o.domainControllers < 1) {
    throw new RangeError('a scenario needs at least one user, workstation, server and domain controller');
  }
  const { netbios, fqdn } = domainNames(o);
  const sid = `S-1-5-21-${rng.between(1e9, 4e9)}-${rng.between(1e9, 4e9)}-${rng.between(1e9, 4e9)}`;
  const base = fqdn
    .split('.')
    .map((p) => `DC=${p}`)
    .join(',');
  const dnsSuffix = fqdn.toLowerCase();
  let rid = 1103;
  // Account and host names are separate namespaces (a host's account is `name$`), each unique ignoring case.
  const accountNames = new Set<string>();
  const hostNames = new Set<string>();
  const unique = (name: string, taken = accountNames) => {
    let n = name;
    for (let i = 2; taken.has(n.toLowerCase()); i++) n = `${name}${i}`;
    taken.add(n.toLowerCase());
    return n;
  };
  const account = (name: string, kind: AccountKind, admin: boolean, displayName: string, ou: string, fixedRid?: number): Account => ({
    name,
    sid: `${sid}-${fixedRid ?? rid++}`,
    kind,
    admin,
    domain: netbios,
    displayName,
    dn: `CN=${displayName},${ou},${base}`,
  });
  const administrator = account(unique('Administrator'), 'builtin', true, 'Administrator', 'CN=Users', 500);
  const krbtgt = account(unique('krbtgt'), 'builtin', false, 'krbtgt', 'CN=Users', 502);

  const host = (name: string, kind: HostKind, ip: string, role?: ServerRole): Host => {
    const n = unique(name, hostNames);
    const ou = kind === 'dc' ? 'OU=Domain Controllers' : 'CN=Computers';
    return {
      name: n,
      fqdn: `${n}.${dnsSuffix}`,
      ip,
      kind,
      account: account(`${n}$`, 'machine', false, n, ou),
      role,
      lsass: pid(rng),
      winlogon: pid(rng),
      services: pid(rng),
    };
  };
  const dcs = Array.from({ length: o.domainControllers }, (_, i) => host(`DC${String(i + 1).padStart(2, '0')}`, 'dc', `10.0.0.${10 + (i % 240)}`));
  const hostileServers = o.hostile ? hostileFor(Math.ceil(o.servers / 2), 7) : [];
  const servers = Array.from({ length: o.servers }, (_, i) => {
    const r = SERVER_ROLES[i % SERVER_ROLES.length]!;
    const name = hostileServers[i] ?? `${r.prefix}${String(Math.floor(i / SERVER_ROLES.length) + 1).padStart(2, '0')}`;
    return host(name, 'server', `10.0.${1 + Math.floor(i / 240)}.${10 + (i % 240)}`, r.role);
  });
  const hostileWs = o.hostile ? hostileFor(Math.ceil(o.workstations / 2), 0) : [];
  const workstations = Array.from({ length: o.workstations }, (_, i) =>
    host(hostileWs[i] ?? `WS${String(i + 1).padStart(4, '0')}`, 'workstation', `10.1.${Math.floor(i / 250) % 250}.${2 + (i % 250)}`),
  );

  const hostileUsers = o.hostile ? hostileFor(Math.ceil(o.users / 2), 3) : [];
  const adminCount = Math.max(1, Math.round(o.users * 0.04));
  const people: Account[] = [];
  for (let i = 0; i < o.users; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const name = unique(hostileUsers[i] ?? `${first[0]!.toLowerCase()}${last.toLowerCase()}`);
    const a = account(name, 'user', i < adminCount, `${first} ${last}`, 'OU=Staff');
    a.home = i % workstations.length;
    people.push(a);
  }
  const serviceNames = [...new Set(SERVER_ROLES.flatMap((r) => (r.service ? [r.service] : [])))];
  const services = serviceNames.map((n) => account(unique(n), 'service', n === 'svc_backup' || n === 'svc_monitor', n, 'OU=Service Accounts'));
  const rogueName = o.hostile ? HOSTILE_ROGUE : 'KALI';
  const rogue: Host = { name: rogueName, fqdn: rogueName, ip: '10.1.255.66', kind: 'rogue', account: null, lsass: 0, winlogon: 0, services: 0 };
  return {
    netbios,
    fqdn,
    realm: fqdn.toUpperCase(),
    sid,
    guid: bracedGuid(rng),
    base,
    people,
    admins: [administrator, ...people.filter((p) => p.admin)],
    services,
    administrator,
    krbtgt,
    workstations,
    servers,
    dcs,
    rogues: [rogue],
  };
}

/** Every host of the domain. */
export function allHosts(d: Domain): Host[] {
  return [...d.dcs, ...d.servers, ...d.workstations];
}
