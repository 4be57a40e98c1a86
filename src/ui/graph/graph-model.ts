import type { DiffResult } from '../../core/case/diff';
import type { SearchTerm, ViewName } from '../../core/case/views';
import type { GraphResult } from '../../../workers/case-api';
import type { GraphEdge, GraphNode } from './cy';
import type { ExportGraph } from './export';
import { edgeLabel, type EdgeLabels } from './params';

/** The sidebar (§6.3), in the reference's order, with what each shows. */
export const VIEW_LABELS: Record<ViewName, { label: string; hint: string }> = {
  all: { label: 'All users', hint: 'Every logon edge within the filters' },
  privileged: { label: 'SYSTEM privileges', hint: 'Accounts that received special privileges (4672)' },
  'ntlm-remote': { label: 'NTLM remote logon', hint: 'Network logons (4624, type 3) with NTLM: where NTLM is not normally used, these may be pass-the-hash' },
  rdp: { label: 'RDP logon', hint: 'Logon type 10 (remote interactive)' },
  network: { label: 'Network logon', hint: 'Logon type 3' },
  batch: { label: 'Batch logon', hint: 'Logon type 4 (scheduled tasks)' },
  service: { label: 'Service logon', hint: 'Logon type 5' },
  'ms14-068': { label: 'MS14-068 exploit failure', hint: 'Service ticket requests (4769) failing with KDC_ERR_SUMTYPE_NOSUPP (0xF)' },
  'logon-failure': { label: 'Logon failure', hint: 'Failed logons (4625)' },
  'dcsync-dcshadow': { label: 'DCSync / DCShadow', hint: 'Accounts flagged for directory replication (4662) or rogue DC registration (5137/5141)' },
  'user-changes': { label: 'Added/deleted users, group changes', hint: 'Accounts created, deleted, added to or removed from a group' },
  domains: { label: 'Domains', hint: 'Accounts and the domains they were seen in' },
  policy: { label: 'Audit policy changes', hint: 'Audit policy changes (4719) and who made them' },
};

export const EVENT_TITLES: Record<number, string> = {
  4624: 'Successful logon',
  4625: 'Logon failure',
  4768: 'Kerberos TGT request',
  4769: 'Kerberos service-ticket request',
  4776: 'NTLM authentication',
  4719: 'Audit policy change',
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
