/**
 * A force-directed layout for big graphs (Fruchterman–Reingold with a grid: repulsion only between
 * nodes in neighbouring cells), linear in nodes and edges per iteration, so 10,000 nodes and 40,000
 * edges lay out in about a second. It runs in a worker (force.worker.ts), never on the page's thread:
 * Cytoscape's cose is quadratic and would freeze the tab on such a graph.
 */
export interface ForceInput {
  /** Number of nodes. */
  n: number;
  /** Edges as pairs of node indexes: [s0, t0, s1, t1, …]. */
  edges: Uint32Array;
  iterations?: number;
  /** Ideal distance between linked nodes. */
  distance?: number;
}

/** Positions [x0, y0, x1, y1, …], centred on 0. Deterministic (no randomness). */
export function forceLayout({ n, edges, iterations = 150, distance = 60 }: ForceInput): Float32Array {
  const k = distance;
  const k2 = k * k;
  const pos = new Float32Array(2 * n);
  // Start on a sunflower spiral: evenly spread, with the same density everywhere.
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < n; i++) {
    const r = k * 0.8 * Math.sqrt(i + 0.5);
    pos[2 * i] = r * Math.cos(i * golden);
    pos[2 * i + 1] = r * Math.sin(i * golden);
  }
  if (n < 2) return pos;
  const disp = new Float32Array(2 * n);
  const cellSize = 2 * k;
  const cellOf = new Int32Array(n);
  const order = new Int32Array(n);
  let temperature = k * Math.sqrt(n) * 0.1;
  const cooling = Math.pow(0.02, 1 / iterations); // ends at 2 % of the start
  // Nodes with many edges are pulled by all of them: attraction is divided by degree to keep hubs steady.
  const degree = new Float32Array(n);
  for (let e = 0; e < edges.length; e++) degree[edges[e]!]!++;

  for (let it = 0; it < iterations; it++) {
    disp.fill(0);
    // Bucket the nodes into grid cells (counting sort on the cell key).
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = pos[2 * i]!;
      const y = pos[2 * i + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const cols = Math.max(1, Math.min(4096, Math.floor((maxX - minX) / cellSize) + 1));
    const rows = Math.max(1, Math.min(4096, Math.floor((maxY - minY) / cellSize) + 1));
    const start = new Int32Array(cols * rows + 1);
    for (let i = 0; i < n; i++) {
      const cx = Math.min(cols - 1, Math.floor((pos[2 * i]! - minX) / cellSize));
      const cy = Math.min(rows - 1, Math.floor((pos[2 * i + 1]! - minY) / cellSize));
      const c = cy * cols + cx;
      cellOf[i] = c;
      start[c + 1]!++;
    }
    for (let c = 0; c < cols * rows; c++) start[c + 1]! += start[c]!;
    const fill = start.slice(0, cols * rows);
    for (let i = 0; i < n; i++) order[fill[cellOf[i]!]!++] = i;

    // Repulsion from the nodes of the 3×3 neighbouring cells (a crowded cell is sampled, not scanned whole).
    for (let i = 0; i < n; i++) {
      const x = pos[2 * i]!;
      const y = pos[2 * i + 1]!;
      const c = cellOf[i]!;
      const cx = c % cols;
      const cy = (c - cx) / cols;
      let dx = 0;
      let dy = 0;
      for (let oy = -1; oy <= 1; oy++) {
        const ry = cy + oy;
        if (ry < 0 || ry >= rows) continue;
        for (let ox = -1; ox <= 1; ox++) {
          const rx = cx + ox;
          if (rx < 0 || rx >= cols) continue;
          const cell = ry * cols + rx;
          const from = start[cell]!;
          const to = start[cell + 1]!;
          const step = to - from > 48 ? Math.ceil((to - from) / 48) : 1;
          for (let q = from; q < to; q += step) {
            const j = order[q]!;
            if (j === i) continue;
            let ex = x - pos[2 * j]!;
            let ey = y - pos[2 * j + 1]!;
            let d2 = ex * ex + ey * ey;
            if (d2 > 4 * k2) continue;
            if (d2 < 0.01) {
              // Same place: push apart along a direction fixed by the indexes.
              ex = Math.cos(i + j);
              ey = Math.sin(i + j);
              d2 = 0.01;
            }
            const f = (k2 / d2) * step;
            dx += ex * f;
            dy += ey * f;
          }
        }
      }
      disp[2 * i] = dx;
      disp[2 * i + 1] = dy;
    }
    // Attraction along edges.
    for (let e = 0; e + 1 < edges.length; e += 2) {
      const s = edges[e]!;
      const t = edges[e + 1]!;
      if (s === t) continue;
      const ex = pos[2 * s]! - pos[2 * t]!;
      const ey = pos[2 * s + 1]! - pos[2 * t + 1]!;
      const d = Math.sqrt(ex * ex + ey * ey);
      if (d === 0) continue;
      const f = d / k;
      disp[2 * s]! -= (ex * f) / Math.sqrt(degree[s]!);
      disp[2 * s + 1]! -= (ey * f) / Math.sqrt(degree[s]!);
      disp[2 * t]! += (ex * f) / Math.sqrt(degree[t]!);
      disp[2 * t + 1]! += (ey * f) / Math.sqrt(degree[t]!);
    }
    // A weak pull to the centre keeps unconnected parts from drifting away; then move, at most `temperature`.
    for (let i = 0; i < n; i++) {
      const x = pos[2 * i]!;
      const y = pos[2 * i + 1]!;
      const dx = disp[2 * i]! - x * 0.01;
      const dy = disp[2 * i + 1]! - y * 0.01;
      const len = Math.sqrt(dx * dx + dy * dy);
      if (len === 0) continue;
      const m = Math.min(len, temperature) / len;
      pos[2 * i] = x + dx * m;
      pos[2 * i + 1] = y + dy * m;
    }
    temperature *= cooling;
  }
  return pos;
}
