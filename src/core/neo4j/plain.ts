/**
 * Values out of neo4j-driver as plain data, for the console's table and graph (they cross from the
 * Neo4j worker to the page by structured clone, which drops the driver's classes). Recognised by
 * shape, not `instanceof`, so that the Node and browser builds of the driver both work.
 * Also: a LogonTracerGraph as bytes (JSON), to move a case between workers without the page copying it.
 */
import type { ReadOnlyResult } from './readonly.ts';
import type { LogonTracerGraph } from './schema.ts';

export interface PlainNode {
  $type: 'node';
  id: string;
  labels: string[];
  properties: Record<string, PlainValue>;
}

export interface PlainRelationship {
  $type: 'relationship';
  id: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, PlainValue>;
}

export interface PlainPath {
  $type: 'path';
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

export type PlainValue = null | boolean | number | string | PlainValue[] | PlainNode | PlainRelationship | PlainPath | { [key: string]: PlainValue };

type Any = Record<string, unknown>;

const isObj = (v: unknown): v is Any => typeof v === 'object' && v !== null;
const isInteger = (v: Any) => typeof v.low === 'number' && typeof v.high === 'number' && typeof v.toNumber === 'function';
const isNodeLike = (v: Any) => Array.isArray(v.labels) && isObj(v.properties) && 'identity' in v;
const isRelLike = (v: Any) => typeof v.type === 'string' && isObj(v.properties) && 'start' in v && 'end' in v && 'identity' in v;
const isPathLike = (v: Any) => Array.isArray(v.segments) && isObj(v.start) && isObj(v.end);

function idOf(v: Any, element: string, legacy: string): string {
  const e = v[element];
  return typeof e === 'string' && e !== '' ? e : String(plain(v[legacy]));
}

function props(p: unknown): Record<string, PlainValue> {
  const out: Record<string, PlainValue> = {};
  if (isObj(p)) for (const [k, v] of Object.entries(p)) out[k] = plain(v);
  return out;
}

function node(v: Any): PlainNode {
  return { $type: 'node', id: idOf(v, 'elementId', 'identity'), labels: (v.labels as unknown[]).map(String), properties: props(v.properties) };
}

function rel(v: Any): PlainRelationship {
  return {
    $type: 'relationship',
    id: idOf(v, 'elementId', 'identity'),
    type: String(v.type),
    start: idOf(v, 'startNodeElementId', 'start'),
    end: idOf(v, 'endNodeElementId', 'end'),
    properties: props(v.properties),
  };
}

/** A driver value as plain data: Integers as numbers (strings beyond 2^53), temporal and spatial values as their text. */
export function plain(v: unknown): PlainValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map(plain);
  if (isObj(v)) {
    if (isInteger(v)) {
      const inSafe = (v as { inSafeRange?: () => boolean }).inSafeRange?.() ?? true;
      return inSafe ? (v as { toNumber(): number }).toNumber() : String(v);
    }
    if (isPathLike(v)) {
      const nodes = [node(v.start as Any)];
      const relationships: PlainRelationship[] = [];
      for (const s of v.segments as Any[]) {
        relationships.push(rel(s.relationship as Any));
        nodes.push(node(s.end as Any));
      }
      return { $type: 'path', nodes, relationships };
    }
    if (isNodeLike(v)) return node(v);
    if (isRelLike(v)) return rel(v);
    if (v instanceof Uint8Array) return `bytes[${v.length}]`;
    // Dates, times, durations and points print themselves; a plain map has Object's toString.
    if (typeof v.toString === 'function' && v.toString !== Object.prototype.toString) return String(v);
    const out: { [key: string]: PlainValue } = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return String(v);
}

export interface ConsoleGraph {
  nodes: PlainNode[];
  relationships: PlainRelationship[];
}

export interface ConsoleResult {
  keys: string[];
  rows: PlainValue[][];
  truncated: boolean;
  /** Every node and relationship found anywhere in the rows (in lists, maps and paths too), once each. */
  graph: ConsoleGraph;
}

export function collectGraph(values: Iterable<PlainValue>): ConsoleGraph {
  const nodes = new Map<string, PlainNode>();
  const rels = new Map<string, PlainRelationship>();
  const visit = (v: PlainValue) => {
    if (v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(visit);
    if (v.$type === 'node') nodes.set((v as PlainNode).id, v as PlainNode);
    else if (v.$type === 'relationship') rels.set((v as PlainRelationship).id, v as PlainRelationship);
    else if (v.$type === 'path') {
      for (const n of (v as PlainPath).nodes) nodes.set(n.id, n);
      for (const r of (v as PlainPath).relationships) rels.set(r.id, r);
    } else Object.values(v).forEach(visit);
  };
  for (const v of values) visit(v);
  return { nodes: [...nodes.values()], relationships: [...rels.values()] };
}

export function consoleResult(r: ReadOnlyResult): ConsoleResult {
  const rows = r.rows.map((row) => r.keys.map((k) => plain(row[k])));
  return { keys: r.keys, rows, truncated: r.truncated, graph: collectGraph(rows.flat()) };
}

/** A cell as one line of text for the table. */
export function cellText(v: PlainValue): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return typeof v === 'string' ? v : String(v);
  if (Array.isArray(v)) return `[${v.map(cellText).join(', ')}]`;
  const props = (p: Record<string, PlainValue>) => {
    const e = Object.entries(p);
    return e.length ? ` {${e.map(([k, x]) => `${k}: ${typeof x === 'string' ? JSON.stringify(x) : cellText(x)}`).join(', ')}}` : '';
  };
  if (v.$type === 'node') return `(:${(v as PlainNode).labels.join(':')}${props((v as PlainNode).properties)})`;
  if (v.$type === 'relationship') return `[:${(v as PlainRelationship).type}${props((v as PlainRelationship).properties)}]`;
  if (v.$type === 'path') return `path of ${(v as PlainPath).relationships.length} relationships`;
  return `{${Object.entries(v).map(([k, x]) => `${k}: ${cellText(x)}`).join(', ')}}`;
}

// ---- A graph as bytes ----

export function encodeGraph(g: LogonTracerGraph): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(g));
}

export function decodeGraph(bytes: Uint8Array): LogonTracerGraph {
  const g = JSON.parse(new TextDecoder().decode(bytes)) as LogonTracerGraph;
  const lists = ['users', 'hosts', 'domains', 'events', 'groups', 'policies'] as const;
  if (!g || typeof g !== 'object' || lists.some((k) => !Array.isArray(g[k]))) throw new Error('not a LogonTracer graph');
  return g;
}
