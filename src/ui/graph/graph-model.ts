import type { DiffResult } from '../../core/case/diff';
import type { SearchTerm, ViewName } from '../../core/case/views';
import type { GraphResult } from '../../../workers/case-api';
import type { GraphEdge, GraphNode } from './cy';
import type { ExportGraph } from './export';
import type { MessageKey } from '../i18n/i18n';
import { edgeLabel, type EdgeLabels } from './params';

/** The sidebar (§6.3), in the reference's order, with what each shows (message keys: messages-graph.ts). */
export const VIEW_LABELS: Record<ViewName, { label: MessageKey; hint: MessageKey }> = {
  all: { label: 'graph.view.all', hint: 'graph.view.all.hint' },
  privileged: { label: 'graph.view.privileged', hint: 'graph.view.privileged.hint' },
  'ntlm-remote': { label: 'graph.view.ntlm-remote', hint: 'graph.view.ntlm-remote.hint' },
  rdp: { label: 'graph.view.rdp', hint: 'graph.view.rdp.hint' },
  network: { label: 'graph.view.network', hint: 'graph.view.network.hint' },
  batch: { label: 'graph.view.batch', hint: 'graph.view.batch.hint' },
  service: { label: 'graph.view.service', hint: 'graph.view.service.hint' },
  'ms14-068': { label: 'graph.view.ms14-068', hint: 'graph.view.ms14-068.hint' },
  'logon-failure': { label: 'graph.view.logon-failure', hint: 'graph.view.logon-failure.hint' },
  'dcsync-dcshadow': { label: 'graph.view.dcsync-dcshadow', hint: 'graph.view.dcsync-dcshadow.hint' },
  'user-changes': { label: 'graph.view.user-changes', hint: 'graph.view.user-changes.hint' },
  domains: { label: 'graph.view.domains', hint: 'graph.view.domains.hint' },
  policy: { label: 'graph.view.policy', hint: 'graph.view.policy.hint' },
};

export const EVENT_TITLES: Record<number, MessageKey> = {
  4624: 'graph.event.4624',
  4625: 'graph.event.4625',
  4768: 'graph.event.4768',
  4769: 'graph.event.4769',
  4776: 'graph.event.4776',
  4719: 'graph.event.4719',
};

/** The search root (§6.4): the node named exactly as the first search value, of the searched kind. */
export function rootOf(nodes: { id: string; kind: string; name: string }[], search: SearchTerm[]): string | null {
  const first = search.find((t) => t.value.trim() !== '');
  if (!first) return null;
  const v = first.value.trim().toLowerCase();
  const kind = first.field === 'account' ? 'account' : 'host';
  return nodes.find((n) => n.kind === kind && n.name.toLowerCase() === v)?.id ?? null;
}

export function graphElements(r: GraphResult, labels: EdgeLabels, search: SearchTerm[]): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const root = rootOf(r.nodes, search);
  const nodes = r.nodes.map((n, i): GraphNode => {
    const a = r.attrs[i]!;
    return { id: n.id, label: a.label, kind: n.kind, admin: a.admin, flagged: a.flagged, rank: a.rank, root: n.id === root };
  });
  const edges = r.edges.map((e): GraphEdge => ({ id: e.id, source: e.source, target: e.target, label: edgeLabel(e, labels), kind: e.kind }));
  return { nodes, edges };
}

export function exportGraph(r: GraphResult): ExportGraph {
  return {
    nodes: r.nodes.map((n, i) => {
      const a = r.attrs[i]!;
      return { id: n.id, kind: n.kind, label: a.label, admin: a.admin, flagged: a.flagged, rank: a.rank };
    }),
    edges: r.edges.map(({ id, kind, source, target, eventId, logonType, status, authPackage, count }) => ({ id, kind, source, target, eventId, logonType, status, authPackage, count })),
  };
}

/** Diff graphs: the union, each element tagged with its side; counts shown as A / B. */
export function diffElements(d: DiffResult, labels: EdgeLabels): { nodes: GraphNode[]; edges: GraphEdge[] } {
  return {
    nodes: d.nodes.map((n) => ({ id: n.id, label: n.name, kind: n.kind, admin: false, flagged: false, rank: null, side: n.side })),
    edges: d.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      kind: e.kind,
      side: e.side,
      label: e.kind === 'logon' ? `${edgeLabel({ ...e, count: 0 }, { ...labels, count: false })}${labels.count ? ` : ${e.countA}/${e.countB}` : ''}` : '',
    })),
  };
}

export function diffExportGraph(d: DiffResult): ExportGraph {
  return {
    nodes: d.nodes.map((n) => ({ id: n.id, kind: n.kind, label: n.name, admin: false, flagged: false, rank: null, side: n.side })),
    edges: d.edges.map((e) => ({ id: e.id, kind: e.kind, source: e.source, target: e.target, eventId: e.eventId, logonType: e.logonType, status: e.status, authPackage: e.authPackage, count: e.countA + e.countB, side: e.side })),
  };
}
