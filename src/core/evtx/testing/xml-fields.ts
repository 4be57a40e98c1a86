import { XMLParser } from 'fast-xml-parser';

/**
 * Extracts the fields the fidelity test compares from one event's XML, whoever wrote it:
 * System fields, and event data as name → text (`<Data Name>` pairs, unnamed Data by position,
 * UserData leaves by element path).
 */
export interface EventFields {
  recordId: string;
  eventId: string;
  provider: string;
  channel: string;
  computer: string;
  systemTime: string;
  data: Map<string, string>;
}

type Ordered = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true, // python-evtx writes non-ASCII as numeric character references
});

function tagOf(node: Ordered): string {
  return Object.keys(node).find((k) => k !== ':@')!;
}
function children(node: Ordered): Ordered[] {
  return (node[tagOf(node)] as Ordered[]) ?? [];
}
function text(node: Ordered): string {
  return children(node)
    .filter((c) => tagOf(c) === '#text')
    .map((c) => String(c['#text']))
    .join('');
}
function child(node: Ordered | undefined, name: string): Ordered | undefined {
  return node ? children(node).find((c) => tagOf(c) === name) : undefined;
}

export function eventFields(xml: string): EventFields {
  const doc = parser.parse(xml) as Ordered[];
  const event = doc.find((n) => tagOf(n) === 'Event');
  const system = child(event, 'System');
  const attr = (n: Ordered | undefined, a: string) => n?.[':@']?.[a] ?? '';
  const data = new Map<string, string>();
  for (const section of event ? children(event) : []) {
    const tag = tagOf(section);
    if (tag === 'EventData') {
      let unnamed = 0;
      for (const d of children(section)) {
        const t = tagOf(d);
        if (t === '#text') continue;
        const name = d[':@']?.['Name'];
        data.set(name !== undefined ? name : `${t}#${unnamed++}`, text(d));
      }
    } else if (tag === 'UserData') {
      const leaves = (n: Ordered, path: string) => {
        const elems = children(n).filter((c) => tagOf(c) !== '#text');
        if (elems.length === 0) data.set(path, text(n));
        const seen = new Map<string, number>();
        for (const c of elems) {
          const t = tagOf(c);
          const i = seen.get(t) ?? 0;
          seen.set(t, i + 1);
          leaves(c, `${path}/${t}${i ? `#${i}` : ''}`);
        }
      };
      leaves(section, 'UserData');
    }
  }
  return {
    recordId: text(child(system, 'EventRecordID') ?? ({ x: [] } as Ordered)),
    eventId: text(child(system, 'EventID') ?? ({ x: [] } as Ordered)),
    provider: attr(child(system, 'Provider'), 'Name'),
    channel: text(child(system, 'Channel') ?? ({ x: [] } as Ordered)),
    computer: text(child(system, 'Computer') ?? ({ x: [] } as Ordered)),
    systemTime: attr(child(system, 'TimeCreated'), 'SystemTime'),
    data,
  };
}
