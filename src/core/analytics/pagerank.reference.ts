/**
 * TEST-ONLY: a direct transcription of LogonTracer's `pagerank(event_set, admins, hmm, cf, ntml)`,
 * substring link-building and quadratic loops included, to check the fast version against.
 * Imported by tests only; never ship it (O(30·N·(N+R))).
 */

export interface ReferencePagerankInput {
  /** (ipaddress, username) of each whole-range aggregated row; user keys end in `@`. */
  readonly rows: readonly (readonly [string, string])[];
  readonly admins: ReadonlySet<string>;
  readonly hmm: ReadonlySet<string>;
  readonly ntml: ReadonlySet<string>;
  readonly cf: ReadonlyMap<string, number>;
}

export interface ReferencePagerankResult {
  readonly raw: Map<string, number>;
  readonly normalised: Map<string, number>;
  readonly damping: Map<string, number>;
}

export function referencePagerank(input: ReferencePagerankInput): ReferencePagerankResult {
  const { rows, admins, hmm, ntml, cf } = input;
  const nodes: string[] = [];
  for (const [host, user] of rows) {
    nodes.push(host);
    nodes.push(user);
  }
  // `for node in list(set(nodes))`: Python's set order is arbitrary; insertion order here.
  const graph = new Map<string, string[]>();
  for (const node of new Set(nodes)) {
    const links: string[] = [];
    for (const [host, user] of rows) {
      if (host.includes(node)) links.push(user);
      if (user.includes(node)) links.push(host);
    }
    graph.set(node, links);
  }

  const numloops = 30;
  let ranks = new Map<string, number>();
  const d = new Map<string, number>();
  const npages = graph.size;
  for (const page of graph.keys()) {
    let df: number;
    if (admins.has(page)) df = 0.6;
    else if (page.endsWith('@')) df = 0.85;
    else df = 0.8;
    if (hmm.has(page)) df -= 0.2;
    if (ntml.has(page)) df -= 0.1;
    if (cf.has(page)) df -= (cf.get(page) as number) / 200;
    d.set(page, df);
    ranks.set(page, 1.0 / npages);
  }

  for (let i = 0; i < numloops; i++) {
    const newranks = new Map<string, number>();
    for (const page of graph.keys()) {
      let newrank = (1 - (d.get(page) as number)) / npages;
      for (const [node, links] of graph) {
        if (links.includes(page)) newrank = newrank + ((d.get(node) as number) * (ranks.get(node) as number)) / links.length;
      }
      newranks.set(page, newrank);
    }
    ranks = newranks;
  }

  const values = [...ranks.values()];
  const maxV = Math.max(...values);
  const minV = Math.min(...values);
  const normalised = new Map<string, number>();
  for (const [k, v] of ranks) normalised.set(k, (v - minV) / (maxV - minV));
  return { raw: ranks, normalised, damping: d };
}
