import { describe, expect, it } from 'vitest';
import { type Node, NodeKind, type Substitutions, type Template, type TemplateInstanceNode, type Value } from '../binxml/nodes';
import { ByteSink } from './byte-sink';
import { renderJsonText, writeJsonRecord } from './json-compiled';
import { RecordShape, structureKey, templateJson } from './json-shape';
import { renderJsonTextGeneric } from './json-text';

// Nodes as the parser makes them (the writers read only these fields).
const el = (name: string, children: Node[], attrs: { name: string; value: Node[] }[] = []): Node => ({ k: NodeKind.Element, name, attrs, children });
const text = (t: string): Node => ({ k: NodeKind.Text, text: t });
const sub = (index: number, type = 1, optional = true): Node => ({ k: NodeKind.Substitution, index, type, optional });

let nextOffset = 1000;
function template(nodes: Node[], guid = 'AAAAAAAA-0000-0000-0000-000000000000'): Template {
  return { offset: nextOffset++, guid, nodes };
}

/** Strings stored as a substitution array is (descriptors, then UTF-16LE values), as RecordShape reads it. */
class StringSubstitutions implements Substitutions {
  readonly chunk: Uint8Array;
  private readonly starts: number[] = [];
  constructor(private readonly values: string[]) {
    const sizes = values.map((v) => 2 * v.length);
    this.chunk = new Uint8Array(16 + 4 * values.length + sizes.reduce((a, b) => a + b, 0));
    let at = 16 + 4 * values.length;
    values.forEach((v, i) => {
      this.chunk[16 + 4 * i] = sizes[i]! & 255;
      this.chunk[16 + 4 * i + 1] = sizes[i]! >> 8;
      this.chunk[16 + 4 * i + 2] = 1;
      this.starts.push(at);
      for (let k = 0; k < v.length; k++, at += 2) {
        this.chunk[at] = v.charCodeAt(k) & 255;
        this.chunk[at + 1] = v.charCodeAt(k) >> 8;
      }
    });
  }
  get count(): number {
    return this.values.length;
  }
  get(index: number): Value {
    return this.values[index] ?? null;
  }
  type(): number {
    return 1;
  }
  raw(index: number): Uint8Array {
    return this.chunk.slice(this.offset(index), this.offset(index) + this.size(index));
  }
  offset(index: number): number {
    return this.starts[index] ?? 0;
  }
  size(index: number): number {
    return 2 * (this.values[index]?.length ?? 0);
  }
}

const instance = (t: Template, values: string[]): TemplateInstanceNode => ({ k: NodeKind.TemplateInstance, template: t, args: new StringSubstitutions(values) });

/** A System-like definition with the computer name as literal text, as real and generated logs have it. */
const event = (computer: string, data = 'Data') =>
  [el('Event', [el('System', [el('Computer', [text(computer)]), el('Channel', [sub(0)])]), el('EventData', [el(data, [sub(1)], [{ name: 'Name', value: [text('User')] }])])])];

describe('templates shared by structure (json-shape.ts)', () => {
  it('gives definitions that read the same one entry, whatever their GUID and offset', () => {
    const a = template(event('HOST-A'), 'AAAAAAAA-0000-0000-0000-000000000001');
    const b = template(event('HOST-A'), 'BBBBBBBB-0000-0000-0000-000000000002');
    expect(structureKey(a)).toBe(structureKey(b));
    expect(templateJson(a)).toBe(templateJson(b));
  });

  it('keeps definitions apart that differ in any text, name or substitution', () => {
    const base = template(event('HOST-A'));
    const others = [
      template(event('HOST-B')),
      template(event('HOST-A', 'Datum')),
      template([el('Event', [el('System', [el('Computer', [text('HOST-A')]), el('Channel', [sub(1)])])])]),
      template([el('Event', [el('System', [el('Computer', [text('HOST-A')]), el('Channel', [sub(0, 8)])])])]),
      template([el('Event', [el('System', [el('Computer', [text('HOST-A')]), el('Channel', [sub(0, 1, false)])])])]),
      // Texts are length-prefixed: "ab" + "c" is not "a" + "bc".
      template([el('Event', [el('ab', [text('c')])])]),
      template([el('Event', [el('a', [text('bc')])])]),
    ];
    const keys = new Set([base, ...others].map(structureKey));
    expect(keys.size).toBe(others.length + 1);
    for (const o of others) expect(templateJson(o)).not.toBe(templateJson(base));
  });

  it('does not share definitions holding a template instance (their values belong to their chunk)', () => {
    const inner = template([el('X', [sub(0)])]);
    const nodes = (): Node[] => [el('Event', [instance(inner, ['fixed'])])];
    const a = template(nodes());
    const b = template(nodes());
    expect(structureKey(a)).toBeNull();
    expect(templateJson(a)).not.toBe(templateJson(b));
  });

  it('writes each record with its own definition\'s text when programs are shared', () => {
    // Records alternate between hosts and repeat values, so programs are compiled once, reused, and
    // copy from the last record: the literal computer name must still be each template's own.
    const hosts = ['HOST-A', 'HOST-B', 'HOST-A', 'HOST-C', 'HOST-B'];
    hosts.forEach((host, i) => {
      const record = [instance(template(event(host)), ['Security', i % 2 ? 'alice' : 'bob'])];
      const json = renderJsonText(record);
      expect(json).toBe(renderJsonTextGeneric(record));
      expect(JSON.parse(json).Event.System.Computer).toBe(host);
    });
  });
});

describe('RecordShape hash', () => {
  it('is equal for equal shapes and differs when a class does', () => {
    const t = template(event('HOST-A'));
    const shape = new RecordShape();
    const hashOf = (values: string[]) => (shape.read(instance(t, values)), shape.hash());
    expect(hashOf(['Security', 'bob'])).toBe(hashOf(['System', 'alice']));
    // An empty string is another class (the program differs).
    expect(hashOf(['Security', ''])).not.toBe(hashOf(['Security', 'bob']));
  });
});

describe('recent programs (json-compiled.ts)', () => {
  it('are only programs the template holds (and the bound on held programs counts)', () => {
    // Seven values each empty or not: 128 shapes of one template, more than a template keeps (64).
    const t = template([el('Event', Array.from({ length: 7 }, (_, i) => el(`V${i}`, [sub(i)])))]);
    const sink = new ByteSink(64);
    for (let round = 0; round < 2; round++)
      for (let m = 0; m < 128; m++) {
        const record = [instance(t, Array.from({ length: 7 }, (_, i) => ((m >> i) & 1 ? `x${m}` : '')))];
        const start = sink.length;
        writeJsonRecord(record, sink);
        expect(new TextDecoder().decode(sink.bytes.subarray(start, sink.length))).toBe(renderJsonTextGeneric(record));
      }
    const cache = templateJson(t);
    expect(cache.programs.size).toBeLessThanOrEqual(64);
    expect(cache.recent.length).toBeGreaterThan(0);
    const held = new Set(cache.programs.values());
    for (const p of cache.recent) expect(held.has(p)).toBe(true);
  });
});
