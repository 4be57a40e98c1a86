// Node only (node:fs). Reads, from real logs, the event data fields Windows writes for Security events:
// names in order, the type each template declares and the value types records carry (see scripts/security-schemas.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type ElementNode, type Node, NodeKind, type Substitutions } from '../binxml/nodes';
import { memorySource, openEvtx, readChunks, readFields } from '..';
import { evtxFilesUnder as evtxUnder } from '../testing/corpus';

const SYSTEM = ['System.Level', 'System.Task', 'System.Opcode', 'System.Keywords', 'System.Provider.Guid'];

export interface Field {
  name: string;
  /** Type in the template's substitution token. */
  declared: number;
  /** Value types seen in records, with counts. */
  values: Map<number, number>;
  /** Strings whose stored bytes end with a NUL, and all non-empty strings. */
  nulEnded: number;
  strings: number;
}
export interface Variant {
  eventId: number;
  version: number;
  provider: string;
  /** "EventData" or the UserData element path. */
  container: string;
  fields: Field[];
  records: number;
  files: Set<string>;
  /** System values seen (Level, Task, Opcode, Keywords, Provider Guid), with counts. */
  system: Map<string, number>;
}


/** The event data of one template: `<Data Name="X">` with one substitution, or UserData leaves. */
function dataFields(nodes: readonly Node[], args: Substitutions, out: { container: string; fields: [string, Node][] }, path: string[]): void {
  for (const n of nodes) {
    if (n.k === NodeKind.TemplateInstance) dataFields(n.template.nodes, n.args, out, path);
    else if (n.k === NodeKind.Substitution && n.type === 0x21) {
      const v = args.get(n.index);
      if (v && typeof v === 'object' && !Array.isArray(v)) dataFields(v.nodes, args, out, path);
    } else if (n.k === NodeKind.Element) element(n, args, out, path);
  }
}

function element(el: ElementNode, args: Substitutions, out: { container: string; fields: [string, Node][] }, path: string[]): void {
  if (el.name === 'System') return;
  const here = [...path, el.name];
  const name = el.attrs.find((a) => a.name === 'Name')?.value[0];
  const sub = el.children.find((c) => c.k === NodeKind.Substitution && c.type !== 0x21);
  if (el.name === 'Data' && name?.k === NodeKind.Text) {
    out.container = path.join('/');
    if (sub) out.fields.push([name.text, withArgs(sub, args)]);
    return;
  }
  const hasElements = el.children.some((c) => c.k === NodeKind.Element || c.k === NodeKind.Substitution);
  if (sub && !el.children.some((c) => c.k === NodeKind.Element) && path.includes('UserData')) {
    out.container = path.join('/');
    out.fields.push([el.name, withArgs(sub, args)]);
    return;
  }
  if (hasElements) dataFields(el.children, args, out, here);
}

/** A substitution paired with the value array it indexes (nested templates have their own). */
function withArgs(sub: Node, args: Substitutions): Node {
  return { ...sub, args } as unknown as Node;
}

/**
 * Every variant (event id, version, field names) of the given Security events in the EVTX files under
 * `corpus`/attack-samples and `corpus`/evtx-samples, with the types its fields were seen with.
 */
export async function scanSecuritySchemas(corpus: string, eventIds: readonly number[]): Promise<Variant[]> {
  const variants = new Map<string, Variant>();
  const files = [...evtxUnder(join(corpus, 'attack-samples')), ...evtxUnder(join(corpus, 'evtx-samples'))];
  for (const file of files) {
    const source = memorySource(new Uint8Array(readFileSync(file)), file);
    const layout = await openEvtx(source);
    const outcomes = await readChunks(source, layout, 0, layout.blocks, (r) => r);
    for (const o of outcomes)
      for (const r of o.items) {
        const sys = readFields(r.nodes, [...SYSTEM, 'System.EventID', 'System.Version', 'System.Provider.Name', 'System.Channel']);
        const eventId = Number(sys['System.EventID']);
        if (!eventIds.includes(eventId) || sys['System.Channel'] !== 'Security') continue;
        const provider = String(sys['System.Provider.Name']);
        if (eventId === 1102 ? provider !== 'Microsoft-Windows-Eventlog' : provider !== 'Microsoft-Windows-Security-Auditing') continue;
        const ti = r.nodes[0];
        if (ti?.k !== NodeKind.TemplateInstance) continue;
        const found = { container: '', fields: [] as [string, Node][] };
        dataFields(r.nodes, ti.args, found, []);
        const version = Number(sys['System.Version'] ?? 0);
        const key = `${eventId}/${version}/${found.fields.map(([n]) => n).join(',')}`;
        let v = variants.get(key);
        if (!v) {
          v = {
            eventId,
            version,
            provider,
            container: found.container,
            fields: found.fields.map(([name, s]) => ({ name, declared: (s as { type: number }).type, values: new Map(), nulEnded: 0, strings: 0 })),
            records: 0,
            files: new Set(),
            system: new Map(),
          };
          variants.set(key, v);
        }
        v.records++;
        const system = SYSTEM.map((k) => `${k.replace('System.', '')}=${sys[k]}`).join(' ');
        v.system.set(system, (v.system.get(system) ?? 0) + 1);
        v.files.add(file.slice(corpus.length + 1));
        found.fields.forEach(([, s], i) => {
          const { index, args } = s as unknown as { index: number; args: Substitutions };
          const f = v.fields[i]!;
          const t = args.type(index);
          f.values.set(t, (f.values.get(t) ?? 0) + 1);
          const raw = args.raw(index);
          if (t === 0x01 && raw.length > 2) {
            f.strings++;
            if (raw[raw.length - 1] === 0 && raw[raw.length - 2] === 0) f.nulEnded++;
          }
        });
      }
  }
  return [...variants.values()].sort((a, b) => a.eventId - b.eventId || a.version - b.version || b.records - a.records);
}
