import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { HOSTILE_PAYLOADS } from '../../core/generator/hostile';
import { csvCell, edgesCsv, type ExportGraph, gexfOf, graphJson, graphmlOf, nodesCsv, type Scene, svgOf, xmlEscape } from './export';
import { LIGHT } from './palette';

const HOSTILE = [...HOSTILE_PAYLOADS.map((p) => p.value), 'ctl\u0001\u001fchars', 'lone\ud800surrogate', ']]><x/>', 'a&b'];

function graph(): ExportGraph {
  const nodes = HOSTILE.flatMap((name, i) => [
    { id: `account:${name}`, kind: 'account' as const, label: name, admin: i % 2 === 0, flagged: i % 3 === 0, rank: i / HOSTILE.length },
    { id: `host:${name}`, kind: 'host' as const, label: name, admin: false, flagged: false, rank: null },
  ]);
  const edges = HOSTILE.map((name, i) => ({
    id: `edge:${i}`, kind: 'logon' as const, source: `host:${name}`, target: `account:${name}`, eventId: 4624, logonType: 3, status: i % 2 ? name : null, authPackage: 'NTLM', count: i + 1,
  }));
  return { nodes, edges };
}

/** What XML can hold of a string: the writer replaces the rest with U+FFFD. */
const xmlText = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])/g, '\ufffd');

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, parseAttributeValue: false, isArray: (n) => ['node', 'edge', 'data', 'attvalue', 'text', 'key', 'attribute'].includes(n), processEntities: true, htmlEntities: false });

describe('xmlEscape', () => {
  it('escapes markup and quotes, replaces what XML cannot hold', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlEscape('a\u0000b\u0008c\td\ne')).toBe('a\ufffdb\ufffdc\td\ne');
    expect(xmlEscape('x\ud800y \u{1F600}')).toBe('x\ufffdy \u{1F600}');
  });
});

describe('GraphML', () => {
  it('is valid XML and reads back to the same graph, hostile names included', () => {
    const g = graph();
    const text = graphmlOf(g);
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text);
    const nodes = doc.graphml.graph.node as { '@id': string; data: { '@key': string; '#text': string }[] }[];
    expect(nodes.map((n) => n['@id'])).toEqual(g.nodes.map((n) => xmlText(n.id)));
    const label = (n: (typeof nodes)[number]) => n.data.find((d) => d['@key'] === 'n_label')?.['#text'];
    expect(nodes.map(label)).toEqual(g.nodes.map((n) => xmlText(n.label)));
    const edges = doc.graphml.graph.edge as { '@source': string; '@target': string; data: { '@key': string; '#text': string }[] }[];
    expect(edges.map((e) => [e['@source'], e['@target'], e.data.find((d) => d['@key'] === 'e_count')?.['#text']])).toEqual(
      g.edges.map((e) => [xmlText(e.source), xmlText(e.target), String(e.count)]),
    );
    // Absent values are left out, not written as "null".
    expect(text).not.toContain('>null<');
  });
});

describe('GEXF', () => {
  it('is valid XML and reads back to the same graph', () => {
    const g = graph();
    const text = gexfOf(g);
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text);
    const nodes = doc.gexf.graph.nodes.node as { '@id': string; '@label': string }[];
    expect(nodes.map((n) => [n['@id'], n['@label']])).toEqual(g.nodes.map((n) => [xmlText(n.id), xmlText(n.label)]));
    const edges = doc.gexf.graph.edges.edge as { '@source': string; '@weight': string; attvalues: { attvalue: { '@for': string; '@value': string }[] } }[];
    expect(edges.map((e) => [e['@source'], Number(e['@weight'])])).toEqual(g.edges.map((e) => [xmlText(e.source), e.count]));
    const status = edges.map((e) => e.attvalues.attvalue.find((a) => a['@for'] === '3')?.['@value'] ?? null);
    expect(status).toEqual(g.edges.map((e) => (e.status === null ? null : xmlText(e.status))));
  });
});

describe('SVG', () => {
  const scene = (): Scene => {
    const g = graph();
    return {
      background: LIGHT.background,
      nodes: g.nodes.map((n, i) => ({ id: n.id, label: n.label, x: (i % 7) * 80, y: Math.floor(i / 7) * 80, width: 25, height: 25, shape: n.kind === 'host' ? 'diamond' : 'ellipse', colours: LIGHT.account, borderWidth: 3, fontSize: 10 })),
      edges: g.edges.map((e) => ({ id: e.id, label: `4624 : ${e.status ?? '-'}`, source: e.source, target: e.target, line: LIGHT.edgeLine, labelColour: LIGHT.edgeLabel, width: 2 })),
    };
  };

  it('is valid XML whose only elements are the drawing, names as text', () => {
    const s = scene();
    const text = svgOf(s);
    expect(XMLValidator.validate(text)).toBe(true);
    const doc = parser.parse(text);
    const labels = (doc.svg.g as { '@class': string; text?: { '#text': string }[] }[]).find((g) => g['@class'] === 'labels')!.text!.map((t) => t['#text']);
    for (const n of s.nodes) expect(labels).toContain(xmlText(n.label));
    // No element comes from the data: every tag is one the serializer writes.
    const tags = new Set([...text.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(['defs', 'ellipse', 'g', 'marker', 'path', 'polygon', 'rect', 'svg', 'text']);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).not.toContain('<script');
    expect(text).not.toMatch(/<[^>]*\son\w+=/); // no event-handler attribute in any real tag
  });

  it('draws an empty graph', () => {
    expect(XMLValidator.validate(svgOf({ nodes: [], edges: [], background: '#fff' }))).toBe(true);
  });
});

describe('CSV', () => {
  it('defuses formulas and quotes where needed', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+SUM(1)')).toBe("'+SUM(1)");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('=HYPERLINK("http://x.invalid/","y")')).toBe(`"'=HYPERLINK(""http://x.invalid/"",""y"")"`);
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
  });

  it('every hostile name comes out defused, one record per line', () => {
    const g = graph();
    const csv = edgesCsv(g);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('source,source_kind,target,target_kind,kind,event_id,logon_type,status,auth_package,count');
    expect(lines).toHaveLength(g.edges.length + 2); // header, rows, final empty
    for (const line of lines.slice(1, -1)) expect(line).not.toMatch(/^[=+\-@\t\r]/);
    for (const cell of nodesCsv(g).split(/,|\r\n/)) expect(cell).not.toMatch(/^[=+\-@]/);
  });
});

describe('JSON', () => {
  it('round-trips', () => {
    const g = graph();
    const back = JSON.parse(graphJson(g, { view: 'all' }));
    expect(back.nodes).toEqual(g.nodes);
    expect(back.edges).toEqual(g.edges);
    expect(back.query).toEqual({ view: 'all' });
  });
});
