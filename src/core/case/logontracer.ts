import { formatShifted } from '../logon';
import type { LogonTracerGraph, LtEvent, LtPolicy, LtUser } from '../neo4j/schema';
import type { CaseAccumulator } from './accumulator';
import type { CaseAnalysis } from './analysis';
import { allEdgeHours } from './edges';
import { categoryName, subcategoryName } from './policy-names';
import { denseCounts, totalSeries } from './timelines';

/** Python's `str(float)` for the values LogonTracer prints (`0.0`, `3.0`, `8.77`). */
export function pythonFloat(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}

const joinFloats = (values: ArrayLike<number>) => Array.from(values, pythonFloat).join(',');
const hourEpoch = (ms: number) => Math.floor(ms / 1000);

/**
 * The case in LogonTracer's Neo4j schema (§4.1), so that LogonTracer's own views and queries work on
 * what LogonLens pushes. Two of the reference's oddities are reproduced here on purpose, because its
 * UI depends on them: a host's `IP` holds the host key (its name when it has one) and `hostname` the
 * inverse-mapped IP (§3.2); a policy relationship's `date` is a string. Edges are hourly (§3.3).
 */
export function toLogonTracer(acc: CaseAccumulator, a: CaseAnalysis): LogonTracerGraph {
  const axis = a.axis;
  const buf = new Float64Array(axis?.hours ?? 0);
  const users: LtUser[] = a.users.map((u, i) => {
    const from = a.byUser.start[i]!;
    const to = a.byUser.start[i + 1]!;
    const counts = axis ? denseCounts(acc, axis, a.byUser.order, from, to) : {};
    const c = (id: number) => (axis ? joinFloats(counts[id]!) : '');
    return {
      user: u.name,
      rights: u.admin ? 'system' : 'user',
      sid: u.sid ?? '-',
      rank: a.userRank[i]!,
      status: u.status,
      counts: axis ? joinFloats(totalSeries(acc, axis, a.byUser.order, from, to, buf)) : '',
      counts4624: c(4624),
      counts4625: c(4625),
      counts4768: c(4768),
      counts4769: c(4769),
      counts4776: c(4776),
      detect: joinFloats(a.changeFinder.scoresOf(i)),
    };
  });
  const hosts = a.hosts.map((h, i) => ({ IP: h.name, rank: a.hostRank[i]!, hostname: h.ip !== null && h.ip !== h.name ? h.ip : h.name }));

  const events: LtEvent[] = [];
  allEdgeHours(acc, a).forEach((hours, i) => {
    const e = a.edges[i]!;
    for (const [hour, count] of hours) {
      events.push({
        host: a.hosts[e.host]!.name,
        user: a.users[e.user]!.name,
        id: e.eventId,
        logintype: e.logonType,
        status: e.status ?? '-',
        count,
        authname: e.authPackage ?? '-',
        date: hourEpoch(hour),
      });
    }
  });

  const userSet = new Set(a.users.map((u) => u.name));
  const policies: LtPolicy[] = acc.policies.map((p, id) => ({
    id,
    changetime: formatShifted(p.time),
    category: categoryName(p.category),
    sub: subcategoryName(p.subcategoryGuid),
    user: p.user !== null && userSet.has(p.user) ? p.user : null,
    date: String(hourEpoch(Math.floor(p.time / 3_600_000) * 3_600_000)),
  }));
  const first = acc.cleared[0];
  return {
    users,
    hosts,
    domains: [...new Set(a.users.flatMap((u) => u.domains))],
    events,
    groups: a.users.flatMap((u) => u.domains.map((domain) => ({ user: u.name, domain }))),
    dateRange: axis ? { start: formatShifted(axis.first), end: formatShifted(axis.first + (axis.hours - 1) * 3_600_000) } : null,
    deletetime: first ? { date: formatShifted(first.time), user: first.user ?? '-', domain: first.domain ?? '-' } : null,
    policies,
  };
}
