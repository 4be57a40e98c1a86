/**
 * LogonTracer's graph colours (reference §6.5), light and dark, plus the diff graph's. Kept as data so
 * the Cytoscape style, the SVG export and the legend all draw from one place.
 */
export interface NodeColours {
  text: string;
  fill: string;
  border: string;
}

export interface Palette {
  name: 'light' | 'dark';
  privileged: NodeColours;
  account: NodeColours;
  /** Label colour of an account whose status is not `-` (drawn as an octagon). */
  flaggedText: string;
  host: NodeColours;
  domain: NodeColours;
  policy: NodeColours;
  /** Border of the search root and of the selected node. */
  root: string;
  edgeLine: string;
  edgeLabel: string;
  /** Canvas background for PNG/JPG/SVG exports (the page's panel colour). */
  background: string;
  diff: { a: string; b: string; both: string };
}

export const LIGHT: Palette = {
  name: 'light',
  privileged: { text: '#ff0000', fill: '#ffc0cb', border: '#ff69b4' },
  account: { text: '#0000cd', fill: '#cee1ff', border: '#6da0f2' },
  flaggedText: '#404040',
  host: { text: '#2e8b57', fill: '#98fb98', border: '#3cb371' },
  domain: { text: '#8b2e86', fill: '#fa98ef', border: '#b23aa2' },
  policy: { text: '#8b6f2e', fill: '#f9d897', border: '#b28539' },
  root: '#404040',
  edgeLine: '#cccccc',
  edgeLabel: '#333333',
  background: '#ffffff',
  // Okabe–Ito colours: told apart with the common colour-vision deficiencies.
  diff: { a: '#d55e00', b: '#0072b2', both: '#9a9a9a' },
};

export const DARK: Palette = {
  name: 'dark',
  privileged: { text: '#ff5917', fill: '#000000', border: '#ff5917' },
  account: { text: '#5d86ff', fill: '#000000', border: '#5d86ff' },
  flaggedText: '#b59658',
  host: { text: '#44d37e', fill: '#000000', border: '#44d37e' },
  domain: { text: '#9573ff', fill: '#000000', border: '#9573ff' },
  policy: { text: '#f9d46b', fill: '#000000', border: '#f9d46b' },
  root: '#adadad',
  edgeLine: '#007b7d',
  edgeLabel: '#fafafa',
  background: '#181c21',
  diff: { a: '#ff8c42', b: '#56b4e9', both: '#6f6f6f' },
};

export type NodeKind = 'account' | 'host' | 'domain' | 'policy';

/** The reference's shapes (§6.5); flagged accounts become octagons. */
export function nodeShape(kind: NodeKind, flagged: boolean): 'ellipse' | 'octagon' | 'diamond' | 'rectangle' | 'hexagon' {
  if (kind === 'account') return flagged ? 'octagon' : 'ellipse';
  return kind === 'host' ? 'diamond' : kind === 'domain' ? 'rectangle' : 'hexagon';
}

export function nodeColours(p: Palette, kind: NodeKind, admin: boolean, flagged: boolean): NodeColours {
  if (kind === 'account') {
    const c = admin ? p.privileged : p.account;
    return flagged ? { ...c, text: p.flaggedText } : c;
  }
  return p[kind];
}

/** Node size: 25×25, or with rank sizing on, accounts rank·80 + 20 (the reference's "rank visualise"). */
export function nodeSize(kind: NodeKind, rank: number | null, rankSize: boolean): number {
  return rankSize && kind === 'account' && rank !== null ? Math.round((rank * 80 + 20) * 10) / 10 : 25;
}

/** Label font size: 8 for hosts, 10 for the rest (§6.5). */
export const nodeFont = (kind: NodeKind) => (kind === 'host' ? 8 : 10);
