/**
 * Graph exports as text (pure: no DOM, tested in Node). Every string from the logs is attacker-
 * controlled: XML outputs escape it (and drop characters XML cannot hold), CSV cells that a
 * spreadsheet would run as a formula get a leading `'`.
 */
import type { NodeColours } from './palette';

export interface ExportNode {
  id: string;
  kind: 'account' | 'host' | 'domain' | 'policy';
  label: string;
  admin: boolean;
  flagged: boolean;
  rank: number | null;
  /** Diff graphs: which side it is in. */
  side?: 'a' | 'b' | 'both';
}

export interface ExportEdge {
  id: string;
  kind: 'logon' | 'domain' | 'policy';
  source: string;
  target: string;
  eventId: number | null;
  logonType: number | null;
  status: string | null;
  authPackage: string | null;
  count: number;
  side?: 'a' | 'b' | 'both';
}

export interface ExportGraph {
  nodes: ExportNode[];
  edges: ExportEdge[];
}

// ——— XML ———

/** Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF) become U+FFFD. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text safe inside XML element content and in double- or single-quoted attributes. */
export function xmlEscape(value: string): string {
  return value.replace(NOT_XML, '\ufffd').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const attr = (name: string, value: string | number) => ` ${name}="${xmlEscape(String(value))}"`;

// ——— SVG ———

export interface SceneNode {
  id: string;
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
  shape: 'ellipse' | 'octagon' | 'diamond' | 'rectangle' | 'hexagon';
  colours: NodeColours;
  borderWidth: number;
  fontSize: number;
}

export interface SceneEdge {
  id: string;
  label: string;
  source: string;
  target: string;
  line: string;
  labelColour: string;
  width: number;
}

/** What the canvas shows, read off Cytoscape (cy.ts) after layout: model coordinates. */
export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
  background: string;
}

const num = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0');

/** Regular polygon corners for the reference's shapes, on the node's bounding box. */
function polygon(n: SceneNode): string {
  const sides = n.shape === 'diamond' ? 4 : n.shape === 'hexagon' ? 6 : 8;
  const start = n.shape === 'diamond' ? -Math.PI / 2 : n.shape === 'hexagon' ? 0 : Math.PI / 8;
  const pts: string[] = [];
  for (let i = 0; i < sides; i++) {
    const a = start + (i * 2 * Math.PI) / sides;
    pts.push(`${num(n.x + (Math.cos(a) * n.width) / 2)},${num(n.y + (Math.sin(a) * n.height) / 2)}`);
  }
  return pts.join(' ');
}

function shapeOf(n: SceneNode): string {
  const paint = `${attr('fill', n.colours.fill)}${attr('stroke', n.colours.border)}${attr('stroke-width', num(n.borderWidth))}`;
  if (n.shape === 'ellipse') return `<ellipse${attr('cx', num(n.x))}${attr('cy', num(n.y))}${attr('rx', num(n.width / 2))}${attr('ry', num(n.height / 2))}${paint}/>`;
  if (n.shape === 'rectangle') return `<rect${attr('x', num(n.x - n.width / 2))}${attr('y', num(n.y - n.height / 2))}${attr('width', num(n.width))}${attr('height', num(n.height))}${paint}/>`;
  return `<polygon${attr('points', polygon(n))}${paint}/>`;
}

/**
 * The graph as an SVG document: straight edges (parallel ones bowed apart) with arrowheads, then
 * nodes, then labels, so labels stay readable. Names are text nodes, never markup.
 */
export function svgOf(scene: Scene, padding = 30): string {
  const byId = new Map(scene.nodes.map((n) => [n.id, n]));
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const n of scene.nodes) {
    minX = Math.min(minX, n.x - n.width / 2 - 60);
    maxX = Math.max(maxX, n.x + n.width / 2 + 60);
    minY = Math.min(minY, n.y - n.height / 2);
    maxY = Math.max(maxY, n.y + n.height / 2 + 20);
  }
  if (!Number.isFinite(minX)) [minX, minY, maxX, maxY] = [0, 0, 100, 100];
  const w = maxX - minX + 2 * padding;
  const h = maxY - minY + 2 * padding;
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg xmlns="http://www.w3.org/2000/svg"${attr('viewBox', `${num(minX - padding)} ${num(minY - padding)} ${num(w)} ${num(h)}`)}${attr('width', num(w))}${attr('height', num(h))} font-family="sans-serif">`);
  out.push(`<rect${attr('x', num(minX - padding))}${attr('y', num(minY - padding))}${attr('width', num(w))}${attr('height', num(h))}${attr('fill', scene.background)}/>`);

  // One arrowhead marker per line colour (marker ids are ours, never from the data).
  const colours = [...new Set(scene.edges.map((e) => e.line))];
  out.push('<defs>');
  colours.forEach((c, i) => out.push(`<marker id="arrow${i}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"${attr('fill', c)}/></marker>`));
  out.push('</defs>');

  const pairCount = new Map<string, number>();
  const pairSeen = new Map<string, number>();
  const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  for (const e of scene.edges) pairCount.set(pairKey(e.source, e.target), (pairCount.get(pairKey(e.source, e.target)) ?? 0) + 1);

  const labels: string[] = [];
  out.push('<g class="edges">');
  for (const e of scene.edges) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const key = pairKey(e.source, e.target);
    const k = pairSeen.get(key) ?? 0;
    pairSeen.set(key, k + 1);
    const n = pairCount.get(key)!;
    // Bow parallel edges apart: offsets −(n−1)/2 … (n−1)/2 times 18 px, perpendicular to the line.
    const dx = t.x - s.x;
    const dy = t.y - s.y;
    const len = Math.hypot(dx, dy) || 1;
    const sign = e.source < e.target ? 1 : -1; // the same side whichever way the edge points
    const off = (k - (n - 1) / 2) * 18 * sign;
    const cx = (s.x + t.x) / 2 + (-dy / len) * off;
    const cy = (s.y + t.y) / 2 + (dx / len) * off;
    // End the line at the target's border (approximated by a circle of its half size).
    const ex = t.x - ((t.x - cx) / (Math.hypot(t.x - cx, t.y - cy) || 1)) * (t.width / 2);
    const ey = t.y - ((t.y - cy) / (Math.hypot(t.x - cx, t.y - cy) || 1)) * (t.height / 2);
    out.push(`<path${attr('d', `M${num(s.x)},${num(s.y)} Q${num(cx)},${num(cy)} ${num(ex)},${num(ey)}`)} fill="none"${attr('stroke', e.line)}${attr('stroke-width', num(e.width))}${attr('marker-end', `url(#arrow${colours.indexOf(e.line)})`)}/>`);
    if (e.label !== '') {
      const lx = (s.x + 2 * cx + t.x) / 4;
      const ly = (s.y + 2 * cy + t.y) / 4;
      labels.push(`<text${attr('x', num(lx))}${attr('y', num(ly))} font-size="8" text-anchor="middle"${attr('fill', e.labelColour)}>${xmlEscape(e.label)}</text>`);
    }
  }
  out.push('</g>');
  out.push('<g class="nodes">');
  for (const n of scene.nodes) out.push(shapeOf(n));
  out.push('</g>');
  out.push('<g class="labels">');
  out.push(...labels);
  for (const n of scene.nodes) {
    out.push(
      `<text${attr('x', num(n.x))}${attr('y', num(n.y + n.fontSize / 3))}${attr('font-size', n.fontSize)} text-anchor="middle"${attr('fill', n.colours.text)}${attr('stroke', n.colours.fill)} stroke-width="2" paint-order="stroke">${xmlEscape(n.label)}</text>`,
    );
  }
  out.push('</g>');
  out.push('</svg>');
  return out.join('\n') + '\n';
}

// ——— GraphML (yEd, Gephi, NetworkX) ———

const NODE_KEYS = [
  ['label', 'string'],
  ['kind', 'string'],
  ['admin', 'boolean'],
  ['flagged', 'boolean'],
  ['rank', 'double'],
  ['side', 'string'],
] as const;
const EDGE_KEYS = [
  ['kind', 'string'],
  ['eventId', 'int'],
  ['logonType', 'int'],
  ['status', 'string'],
  ['authPackage', 'string'],
  ['count', 'int'],
  ['side', 'string'],
] as const;

type Row = Record<string, string | number | boolean | null | undefined>;

/** GraphML: node and edge attributes as typed keys; absent values are left out (not written as "null"). */
export function graphmlOf(g: ExportGraph): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
  for (const [k, t] of NODE_KEYS) out.push(`  <key id="n_${k}" for="node" attr.name="${k}" attr.type="${t}"/>`);
  for (const [k, t] of EDGE_KEYS) out.push(`  <key id="e_${k}" for="edge" attr.name="${k}" attr.type="${t}"/>`);
  out.push('  <graph id="logonlens" edgedefault="directed">');
  const data = (prefix: string, keys: readonly (readonly [string, string])[], row: Row) =>
    keys
      .filter(([k]) => row[k] !== null && row[k] !== undefined)
      .map(([k]) => `<data key="${prefix}_${k}">${xmlEscape(String(row[k]))}</data>`)
      .join('');
  for (const n of g.nodes) out.push(`    <node${attr('id', n.id)}>${data('n', NODE_KEYS, n as unknown as Row)}</node>`);
  for (const e of g.edges) out.push(`    <edge${attr('id', e.id)}${attr('source', e.source)}${attr('target', e.target)}>${data('e', EDGE_KEYS, e as unknown as Row)}</edge>`);
  out.push('  </graph>', '</graphml>');
  return out.join('\n') + '\n';
}

// ——— GEXF (Gephi) ———

const gexfType = (t: string) => (t === 'int' ? 'integer' : t);

/** GEXF 1.3: labels, typed attributes, edge weight = event count. */
export function gexfOf(g: ExportGraph): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <meta><creator>LogonLens</creator></meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
  ];
  const nodeKeys = NODE_KEYS.filter(([k]) => k !== 'label');
  nodeKeys.forEach(([k, t], i) => out.push(`      <attribute id="${i}" title="${k}" type="${gexfType(t)}"/>`));
  out.push('    </attributes>', '    <attributes class="edge">');
  EDGE_KEYS.forEach(([k, t], i) => out.push(`      <attribute id="${i}" title="${k}" type="${gexfType(t)}"/>`));
  out.push('    </attributes>', '    <nodes>');
  const values = (keys: readonly (readonly [string, string])[], row: Row) =>
    keys
      .map(([k], i) => (row[k] === null || row[k] === undefined ? '' : `<attvalue for="${i}"${attr('value', String(row[k]))}/>`))
      .join('');
  for (const n of g.nodes) out.push(`      <node${attr('id', n.id)}${attr('label', n.label)}><attvalues>${values(nodeKeys, n as unknown as Row)}</attvalues></node>`);
  out.push('    </nodes>', '    <edges>');
  for (const e of g.edges)
    out.push(`      <edge${attr('id', e.id)}${attr('source', e.source)}${attr('target', e.target)}${attr('weight', e.count)}><attvalues>${values(EDGE_KEYS, e as unknown as Row)}</attvalues></edge>`);
  out.push('    </edges>', '  </graph>', '</gexf>');
  return out.join('\n') + '\n';
}

// ——— CSV and JSON ———

/**
 * One CSV cell: a text starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so spreadsheets
 * show it rather than run it (OWASP's CSV injection advice); quoted when it holds a comma, quote or
 * line break. Numbers are written as they are (a negative number is data, not a formula).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvRows = (header: string[], rows: (string | number | boolean | null | undefined)[][]) =>
  [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** Edges as CSV (CRLF, as the reference's): names of both ends, the aggregation key and the count. */
export function edgesCsv(g: ExportGraph): string {
  const label = new Map(g.nodes.map((n) => [n.id, n]));
  const name = (id: string) => label.get(id)?.label ?? id;
  const kind = (id: string) => label.get(id)?.kind ?? '';
  const diff = g.edges.some((e) => e.side);
  return csvRows(
    ['source', 'source_kind', 'target', 'target_kind', 'kind', 'event_id', 'logon_type', 'status', 'auth_package', 'count', ...(diff ? ['side'] : [])],
    g.edges.map((e) => [name(e.source), kind(e.source), name(e.target), kind(e.target), e.kind, e.eventId, e.logonType, e.status, e.authPackage, e.count, ...(diff ? [e.side] : [])]),
  );
}

export function nodesCsv(g: ExportGraph): string {
  const diff = g.nodes.some((n) => n.side);
  return csvRows(
    ['id', 'kind', 'name', 'privileged', 'status_flag', 'rank', ...(diff ? ['side'] : [])],
    g.nodes.map((n) => [n.id, n.kind, n.label, n.admin, n.flagged, n.rank, ...(diff ? [n.side] : [])]),
  );
}

/** JSON of the drawn graph and the query that produced it (names are JSON strings: nothing to escape beyond that). */
export function graphJson(g: ExportGraph, query: unknown): string {
  return JSON.stringify({ generator: 'LogonLens', query, nodes: g.nodes, edges: g.edges }, null, 2) + '\n';
}

/** File names: the case name made safe, plus what it holds. */
export function exportFileName(caseName: string, view: string, ext: string): string {
  const safe = `${caseName}-${view}`.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_').trim().slice(0, 120) || 'graph';
  return `${safe}.${ext}`;
}
