import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { renderXml } from '.';
import { type Node, NodeKind } from './binxml/nodes';
import { CORPUS, corpusFiles, hasCorpus } from './testing/corpus';
import { readAll } from './testing/read-all';
import { type EventFields, eventFields } from './testing/xml-fields';

/** python-evtx's output, one line per record: `{record_id, xml}` or `{error, chunk}`. */
function oracle(file: string): { record_id?: number; xml?: string; error?: string }[] {
  const gz = readFileSync(join(CORPUS, 'oracle/python-evtx', `${file}.jsonl.gz`));
  return gunzipSync(gz)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

/** Microseconds since the epoch from either writer's time format ("2016-07-08 18:12:51.681641" or ISO with Z). */
function micros(t: string): number | null {
  const m = /^(\d{4}-\d\d-\d\d)[ T](\d\d:\d\d:\d\d)(?:\.(\d+))?Z?$/.exec(t);
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(6, '0').slice(0, 6);
  return Date.parse(`${m[1]}T${m[2]}Z`) * 1000 + Number(frac);
}

/**
 * The two writers format some values differently; these are presentation, not content:
 * GUIDs ({lower} vs UPPER), hex integers (zero-padded vs not), times (space vs T, float rounding:
 * python-evtx converts FILETIME through a float, so up to a few µs off; 5 µs tolerance, as the corpus README says).
 */
// python-evtx also drops control characters that XML 1.0 cannot hold (4661's PrivilegeList
// "\u0002-" in the bytes, as evtx_dump shows too, becomes "-"); we keep them.
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function sameValue(ours: string, theirs: string): boolean {
  if (ours === theirs) return true;
  if (ours.replace(XML_ILLEGAL, '') === theirs) return true;
  // Booleans stored as other non-zero numbers: evtx_dump and we keep the number, python-evtx says True.
  if (/^-?\d+$/.test(ours) && ours !== '0' && ours !== '1' && theirs === 'True') return true;
  // Booleans: "true" vs python's "True".
  if (/^(true|false)$/i.test(ours) && ours.toLowerCase() === theirs.toLowerCase()) return true;
  // Binary: hex (evtx_dump's form) vs python-evtx's base64.
  if (/^[0-9A-F]+$/.test(ours) && /^[A-Za-z0-9+/]+=*$/.test(theirs) && Buffer.from(theirs, 'base64').toString('hex').toUpperCase() === ours)
    return true;
  // size_t: hex (evtx_dump's form) vs python-evtx's decimal.
  if (/^0x[0-9a-f]+$/.test(ours) && /^\d+$/.test(theirs)) return BigInt(ours) === BigInt(theirs);
  const guid = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;
  const g1 = guid.exec(ours);
  const g2 = guid.exec(theirs);
  if (g1 && g2) return g1[1]!.toUpperCase() === g2[1]!.toUpperCase();
  const hex = /^0x[0-9a-fA-F]+$/;
  if (hex.test(ours) && hex.test(theirs)) return BigInt(ours) === BigInt(theirs);
  const t1 = micros(ours);
  const t2 = micros(theirs);
  if (t1 !== null && t2 !== null) return Math.abs(t1 - t2) <= 5;
  return false;
}

/**
 * python-evtx writes the string array of some classic events as escaped "<string>a</string>…"
 * text inside one <Data> (a quirk the corpus README names); Event Viewer and we write one <Data> per string.
 */
function expandStringLists(f: EventFields): EventFields {
  const data = new Map<string, string>();
  let shift = 0;
  for (const [name, v] of f.data) {
    const m = /^Data#(\d+)$/.exec(name);
    const items = m && /^(<string>[^]*?<\/string>\n?)+$/.test(v) ? [...v.matchAll(/<string>([^]*?)<\/string>/g)].map((x) => x[1]!) : null;
    if (m && items) {
      items.forEach((item, i) => data.set(`Data#${Number(m[1]) + shift + i}`, item));
      shift += items.length - 1;
    } else if (m) data.set(`Data#${Number(m[1]) + shift}`, v);
    else data.set(name.replace(/^Binary#(\d+)$/, (_, i) => `Binary#${Number(i) + shift}`), v);
  }
  return { ...f, data };
}

/** Every string-array value of a record, decoded straight from its bytes (independently of values.ts). */
function rawStringArrays(nodes: readonly Node[]): string[][] {
  const out: string[][] = [];
  const visit = (ns: readonly Node[]) => {
    for (const n of ns) {
      if (n.k !== NodeKind.TemplateInstance) continue;
      for (let i = 0; i < n.args.count; i++) {
        if (n.args.type(i) === 0x81) {
          const parts = Buffer.from(n.args.raw(i)).toString('utf16le').split('\0');
          parts.pop();
          out.push(parts);
        }
        const v = n.args.get(i);
        if (v && typeof v === 'object' && !Array.isArray(v)) visit(v.nodes);
      }
    }
  };
  visit(nodes);
  return out;
}

/**
 * python-evtx misreads string arrays that contain empty strings: in 2-vss_7-System.evtx record 68 the
 * array's bytes are four NULs then "13", "60", "480 Pacific Standard Time" (evtx_dump reads the same as
 * we do) but python-evtx writes "13", "", "13", "60", …. Such a record is accepted only when our
 * <Data> items are exactly the NUL-separated strings of the array's bytes, the array holds an empty
 * string, and python-evtx used its string-list form for it.
 */
function pythonStringListBug(theirXml: string, ours: EventFields, arrays: string[][]): boolean {
  if (!theirXml.includes('&lt;string&gt;')) return false;
  const dataItems = [...ours.data].filter(([k]) => k.startsWith('Data#')).map(([, v]) => v);
  return arrays.some((a) => a.includes('') && a.length === dataItems.length && a.every((s, i) => s === dataItems[i]));
}

function compare(ours: EventFields, theirs: EventFields): string[] {
  const diffs: string[] = [];
  for (const k of ['recordId', 'eventId', 'provider', 'channel', 'computer', 'systemTime'] as const)
    if (!sameValue(ours[k], theirs[k])) diffs.push(`${k}: ours ${JSON.stringify(ours[k])} python-evtx ${JSON.stringify(theirs[k])}`);
  for (const [name, v] of theirs.data) {
    const o = ours.data.get(name);
    if (o === undefined) diffs.push(`${name}: missing in ours (python-evtx ${JSON.stringify(v).slice(0, 80)})`);
    else if (!sameValue(o, v)) diffs.push(`${name}: ours ${JSON.stringify(o).slice(0, 120)} python-evtx ${JSON.stringify(v).slice(0, 120)}`);
  }
  for (const name of ours.data.keys()) if (!theirs.data.has(name)) diffs.push(`${name}: only in ours`);
  return diffs;
}

describe.skipIf(!hasCorpus)('fidelity against python-evtx', () => {
  it('every record python-evtx renders, on every attack sample and evtx sample', async () => {
    const files = [...corpusFiles('attack-samples', '.evtx'), ...corpusFiles('evtx-samples', '.evtx')];
    expect(files.length).toBeGreaterThan(200);
    let compared = 0;
    let missing = 0;
    let oracleWrong = 0;
    const mismatches: string[] = [];
    for (const file of files) {
      const expected = oracle(file).filter((l) => l.xml !== undefined);
      const { items } = await readAll(join(CORPUS, file), (r) => ({ id: r.recordId, xml: renderXml(r.nodes), arrays: rawStringArrays(r.nodes) }));
      const ours = new Map<number, string[]>();
      const arrays = new Map<number, string[][]>();
      for (const r of items) {
        ours.set(r.id, [...(ours.get(r.id) ?? []), r.xml]);
        arrays.set(r.id, r.arrays);
      }
      for (const line of expected) {
        const candidates = ours.get(line.record_id!) ?? [];
        if (candidates.length === 0) {
          missing++;
          mismatches.push(`${file} record ${line.record_id}: not found`);
          continue;
        }
        compared++;
        const theirs = expandStringLists(eventFields(line.xml!));
        // Dirty logs can hold two records with one id; any of ours matching is enough.
        const diffs = candidates.map((x) => compare(eventFields(x), theirs));
        if (diffs.every((d) => d.length > 0)) {
          if (pythonStringListBug(line.xml!, eventFields(candidates[0]!), arrays.get(line.record_id!) ?? [])) oracleWrong++;
          else mismatches.push(`${file} record ${line.record_id}: ${diffs[0]!.join('; ')}`);
        }
      }
    }
    console.log(`python-evtx oracle: ${files.length} files, ${compared} records compared, ${missing} missing, ${mismatches.length - missing} mismatched, ${oracleWrong} where python-evtx misreads a string array (checked against the bytes)`);
    // One example per kind of difference, then the count of each kind.
    const kinds = new Map<string, { n: number; example: string }>();
    for (const m of mismatches) {
      const kind = m.replace(/^.*?record \d+: /, '').replace(/: ours .*|: missing.*|: only in ours.*/, '');
      const k = kinds.get(kind) ?? { n: 0, example: m };
      k.n++;
      kinds.set(kind, k);
    }
    for (const [kind, { n, example }] of kinds) console.log(`  ${n} × ${kind}\n      e.g. ${example.slice(0, 400)}`);
    expect(mismatches).toEqual([]);
  });
});
