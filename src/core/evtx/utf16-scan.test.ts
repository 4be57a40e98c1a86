import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventDataNames, type FieldValue, readFieldValues } from '.';
import { type Node, NodeKind } from './binxml/nodes';
import { CORPUS, corpusFiles, hasCorpus } from './testing/corpus';
import { readAll } from './testing/read-all';
import { FieldScan, UNREAD, type ValueVisitor, visitStringValues } from './utf16-scan';

const SYSTEM = ['System.EventID', 'System.Channel', 'System.Computer', 'System.Provider.Name', 'System.TimeCreated.SystemTime', 'System.Security.UserID', 'System.Keywords'];
const utf16 = new TextDecoder('utf-16le');

/** Collects what a scan hands over, as texts (UTF-16 runs decoded, split at NULs as the stored lists and padding are). */
function collector(): ValueVisitor & { texts: string[]; inPlace: number } {
  const v = {
    texts: [] as string[],
    inPlace: 0,
    wantsText: false,
    text: (s: string) => v.texts.push(s),
    utf16: (b: Uint8Array, o: number, n: number) => {
      v.inPlace++;
      v.texts.push(...utf16.decode(b.subarray(o, o + 2 * n)).split('\0'));
    },
  };
  return v;
}

/** The decoded string substitution values of a one-template record, nested ones included (the reference). */
function stringSubs(nodes: readonly Node[], depth: number): string[] {
  const only = nodes.length === 1 ? nodes[0] : undefined;
  if (only?.k !== NodeKind.TemplateInstance || depth > 4) return [];
  const out: string[] = [];
  for (let i = 0; i < only.args.count; i++) {
    const t = only.args.type(i) & 0x7f;
    const v = only.args.get(i);
    if (t === 0x01 || t === 0x02) out.push(...textsOf(v as FieldValue));
    else if (t === 0x21 && v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(...stringSubs(v.nodes, depth + 1));
  }
  return out;
}

/** The texts of a field's value as the Sigma engine makes them. */
function textsOf(v: FieldValue | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => (x === null ? '' : String(x)));
  return [String(v)];
}

// The in-place scans feed the Sigma prefilter: they must hand over at least the text the fast field
// path reads (where they say they are done), or a rule could miss an event.
describe.skipIf(!hasCorpus)('in-place value scans', () => {
  it('give every field text readFieldValues gives, and every string value, on every corpus record', async () => {
    const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx')];
    let records = 0;
    let located = 0;
    let inPlace = 0;
    const problems: string[] = [];
    for (const file of files) {
      const scans = new Map<string, FieldScan>();
      await readAll(join(CORPUS, file), (r) => {
        records++;
        const names = [...SYSTEM, ...eventDataNames(r.nodes), 'NoSuchField'];
        const key = names.join('\n');
        let scan = scans.get(key);
        if (!scan) scans.set(key, (scan = new FieldScan(names)));
        const values = readFieldValues(r.nodes, names);
        const visitors = names.map(() => collector());
        const done = new Uint8Array(names.length);
        scan.scan(r.nodes, visitors, done);
        names.forEach((n, i) => {
          if (done[i] !== 1) return;
          located++;
          inPlace += visitors[i]!.inPlace;
          const got = visitors[i]!.texts;
          for (const t of textsOf(values[i])) if (t !== '' && !got.includes(t)) problems.push(`${file} #${r.recordId} ${n}: ${JSON.stringify(t)} not in ${JSON.stringify(got)}`);
        });
        const all = collector();
        if (visitStringValues(r.nodes, all)) {
          for (const v of stringSubs(r.nodes, 0))
            if (v !== '' && !all.texts.includes(v)) problems.push(`${file} #${r.recordId}: string value ${JSON.stringify(v)} not visited`);
        }
      });
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(records).toBeGreaterThan(10_000);
    // Most fields are located, most strings handed over in place.
    expect(located).toBeGreaterThan(records * 5);
    expect(inPlace).toBeGreaterThan(records);
  });

  // The Sigma engine reads its rules' fields one by one through FieldScan.read: each must be what
  // the fast path's full read gives, wherever read does not answer UNREAD.
  it('read one field at a time, as readFieldValues reads it, on every corpus record', async () => {
    const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx')];
    let read = 0;
    let unread = 0;
    let records = 0;
    const problems: string[] = [];
    for (const file of files) {
      const scans = new Map<string, FieldScan>();
      await readAll(join(CORPUS, file), (r) => {
        records++;
        // Names in another order than the template's, and one it does not hold.
        const names = ['NoSuchField', ...eventDataNames(r.nodes).reverse(), ...SYSTEM];
        const key = names.join('\n');
        let scan = scans.get(key);
        if (!scan) scans.set(key, (scan = new FieldScan(names)));
        const values = readFieldValues(r.nodes, names);
        names.forEach((n, i) => {
          const v = scan.read(r.nodes, i);
          if (v === UNREAD) return void unread++;
          read++;
          if (JSON.stringify(v) !== JSON.stringify(values[i]) || (v === undefined) !== (values[i] === undefined))
            problems.push(`${file} #${r.recordId} ${n}: ${JSON.stringify(v)}, not ${JSON.stringify(values[i])}`);
        });
      });
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // Most fields are read alone (UNREAD: mostly System.Computer where a template holds it as text).
    expect(read).toBeGreaterThan(records * 5);
    expect(unread).toBeLessThan(read / 5);
  });
});
