// Where the big graph's pan and zoom time goes: opens the graph like bench/graph-browser.ts (same
// persistent profile, so its case is already imported there), records a V8 CPU profile (CDP Profiler)
// during a scripted pan and then a wheel zoom, and prints the heaviest functions by self and by
// total time. Build without minifying for readable names:
//   vite build --minify false --outDir dist-prof && tsx bench/graph-profile.ts dist-prof [PROFILE_DIR] [QUERY]
import { openProfile, startPreview } from './preview';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';

const outDir = process.argv[2] ?? 'dist';
const profileDir = process.argv[3] ?? join(import.meta.dirname, 'out', 'graph-bench-profile');
const query = process.argv[4] ?? 'view=all&limit=40000';
const port = Number(process.env['GRAPH_BENCH_PORT'] ?? 4281);
const server = await startPreview(port, outDir);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self and total milliseconds per function (total counted once per sample, however deep the recursion). */
function summarise(p: Profile, top = 25): string {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const k = key(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  });
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]) => `  ${v.toFixed(0).padStart(7)} ms  ${k}`)
      .join('\n');
  return `self:\n${fmt(self)}\ntotal:\n${fmt(total)}`;
}

async function profiled(cdp: CDPSession, label: string, act: () => Promise<void>) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const t = performance.now();
  await act();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  console.log(`== ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s wall\n${summarise(profile)}`);
}

async function longTasks(page: Page): Promise<string> {
  return (await page.evaluate(`JSON.stringify(performance.getEntriesByType('measure').map((m) => [m.name, Math.round(m.duration)]))`)) as string;
}

try {
  const { context, page } = await openProfile(profileDir);
  const base = `http://127.0.0.1:${port}/`;
  await page.goto(`${base}#/cases`);
  await page.evaluate(`localStorage.setItem('logonlens.graphRenderer', 'canvas')`);
  await page.getByRole('button', { name: /^Open graph bench/ }).first().click();
  await page.getByTestId('case-summary').waitFor({ timeout: 600_000 });
  const caseId = await page.getByTestId('case-summary').getAttribute('data-case-id');
  const cdp = await context.newCDPSession(page);
  await profiled(cdp, 'open', async () => {
    await page.goto(`${base}#/case/${encodeURIComponent(caseId!)}/graph?${query}`);
    await page.waitForSelector('[data-testid=graph-canvas][data-drawn]', { timeout: 600_000 });
  });
  console.log('measures', await longTasks(page));
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await profiled(cdp, 'pan', async () => {
    for (let round = 0; round < 6; round++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 20; i++) await page.mouse.move(cx + (round % 2 ? -1 : 1) * i * 10, cy + (round % 2 ? -1 : 1) * i * 5);
      await page.mouse.up();
    }
  });
  await profiled(cdp, 'zoom', async () => {
    await page.mouse.move(cx, cy);
    for (let s = 0; s < 60; s++) await page.mouse.wheel(0, s % 20 < 10 ? -120 : 120);
  });
  await profiled(cdp, 'hover', async () => {
    for (let i = 0; i < 60; i++) await page.mouse.move(box.x + 50 + i * 10, box.y + 100 + i * 5);
  });
  await page.evaluate(`localStorage.removeItem('logonlens.graphRenderer')`);
  await context.close();
} finally {
  server.stop();
}
