// The graph view at scale, in headless Chromium against the built app (vite preview): a case whose
// "All users" graph has about 10,000 nodes and 40,000 edges (a generated domain), opened with the
// edge limit raised to 40,000, twice: the default view (grouped: src/ui/graph/grouping.ts) and the
// whole graph (group=0). Measures the time to the first drawn frame (and from the query's answer to
// it, with the longest task), frames per second while the mouse pans (drags) and zooms (wheel), the
// force layout (in a worker), and how fast search answers (autocomplete names, then the searched
// graph). Prints one JSON line; says which renderer ran (WebGL only with GRAPH_BENCH_WEBGL=1: with
// --disable-gpu Chromium's WebGL is SwiftShader, on the CPU). fps is wall-clock: note the load average.
//   tsx bench/graph-browser.ts [FILE.evtx]   (run `vite build` first; npm run bench does)
// Without FILE, the log is generated once into bench/out/graph-10k.evtx.
import { openProfile, startPreview } from './preview';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';

const OUT = join(import.meta.dirname, 'out');
/** A domain whose logon graph has ~11k nodes (accounts and hosts) and ~42k edges (an 844 MB log, 1M records). */
const SCENARIO = { seed: 7, users: 9000, workstations: 1500, servers: 600, domainControllers: 4, days: 2, start: '2024-05-06', attacks: [] } as const;

const r1 = (x: number) => Math.round(x * 10) / 10;

async function ensureLog(): Promise<string> {
  const given = process.argv[2];
  if (given) return given;
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, 'graph-10k.evtx');
  if (!existsSync(path)) {
    console.error(`generating ${path} …`);
    await writeEvtxFile(path, createScenario(SCENARIO).events());
  }
  return path;
}

/** Counts animation frames in the page while `act` runs: frames per second and the longest frame. */
async function framesDuring(page: Page, act: () => Promise<void>): Promise<{ fps: number; worstFrameMs: number; seconds: number }> {
  // A string, not a function: tsx's name helpers (__name) do not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__counting = true;
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__counting) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  const t0 = performance.now();
  await act();
  const wall = performance.now() - t0;
  const frames = (await page.evaluate(`(() => {
    window.__counting = false;
    return window.__frames;
  })()`)) as number[];
  if (frames.length < 2) return { fps: 0, worstFrameMs: Math.round(wall), seconds: r1(wall / 1000) };
  const seconds = (frames[frames.length - 1]! - frames[0]!) / 1000;
  let worst = 0;
  for (let i = 1; i < frames.length; i++) worst = Math.max(worst, frames[i]! - frames[i - 1]!);
  return { fps: r1((frames.length - 1) / seconds), worstFrameMs: Math.round(worst), seconds: r1(seconds) };
}

const file = await ensureLog();
// A fixed port: IndexedDB belongs to the origin, so the profile's imported case is found again next time.
const port = Number(process.env['GRAPH_BENCH_PORT'] ?? 4281);
// GRAPH_BENCH_DIST: another build's directory (A/B runs of two builds).
const server = await startPreview(port, process.env['GRAPH_BENCH_DIST']);

const log = (m: string) => console.error(`[graph bench ${new Date().toISOString().slice(11, 19)}] ${m}`);

/** Pans by mouse drags, then zooms by wheel steps, each for at most `seconds`; frames counted meanwhile. */
async function panAndZoom(page: Page, seconds: number) {
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const pan = await framesDuring(page, async () => {
    const end = performance.now() + seconds * 1000;
    let moves = 0;
    for (let round = 0; performance.now() < end; round++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      for (let i = 1; i <= 20 && performance.now() < end; i++, moves++) await page.mouse.move(cx + (round % 2 ? -1 : 1) * i * 10, cy + (round % 2 ? -1 : 1) * i * 5);
      await page.mouse.up();
    }
    log(`  pan: ${moves} mouse moves`);
  });
  const zoom = await framesDuring(page, async () => {
    await page.mouse.move(cx, cy);
    const end = performance.now() + seconds * 1000;
    let steps = 0;
    for (; performance.now() < end; steps++) await page.mouse.wheel(0, steps % 20 < 10 ? -120 : 120);
    log(`  zoom: ${steps} wheel steps`);
  });
  return { pan, zoom };
}

/** The longest task (ms) the page ran since the last call (a PerformanceObserver of long tasks). */
async function longestTask(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    if (!window.__tasks) {
      window.__tasks = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(e.duration); }).observe({ type: 'longtask' });
    }
    const m = Math.round(Math.max(0, ...window.__tasks));
    window.__tasks = [];
    return m;
  })()`)) as number;
}

/**
 * Opens the graph at `url` (in the page: the case stays open in its worker) and waits for its first
 * drawn frame: seconds to the query's answer, to the frame, and between the two (the drawing), with
 * the longest task meanwhile.
 */
async function openGraph(page: Page, url: string) {
  await longestTask(page);
  const t = performance.now();
  await page.goto(url);
  await page.waitForSelector('[data-testid=graph-view][data-status=done]', { timeout: 600_000 });
  const answered = (performance.now() - t) / 1000;
  await page.waitForSelector('[data-testid=graph-canvas][data-drawn]', { timeout: 600_000 });
  const drawn = (performance.now() - t) / 1000;
  // From the page's own marks (GraphView, GraphCanvas): a busy page answers the waits above late.
  const draw = (await page.evaluate(`(() => {
    const last = (n) => performance.getEntriesByName(n).at(-1);
    const q = last('graph:query');
    const d = last('graph:drawn');
    return q && d ? (d.startTime + d.duration - q.startTime - q.duration) / 1000 : null;
  })()`)) as number | null;
  return { queryAnsweredSeconds: r1(answered), firstRenderSeconds: r1(drawn), answerToDrawnSeconds: draw === null ? null : r1(draw), longestTaskMs: await longestTask(page) };
}

try {
  const { context, page } = await openProfile(join(OUT, 'graph-bench-profile'));
  const base = `http://127.0.0.1:${port}/`;
  await page.goto(base);
  const gl = (await page.evaluate(`(() => {
    const c = document.createElement('canvas').getContext('webgl2');
    if (!c) return null;
    const info = c.getExtension('WEBGL_debug_renderer_info');
    return String(info ? c.getParameter(info.UNMASKED_RENDERER_WEBGL) : c.getParameter(c.RENDERER));
  })()`)) as string | null;

  // The case, imported through the Cases panel (once per profile and log).
  const caseName = `graph bench ${basename(file)} ${statSync(file).size}`;
  await page.goto(`${base}#/cases`);
  const panel = page.getByTestId('cases-panel');
  await panel.waitFor();
  await page.waitForSelector('[data-testid=case-list], [data-testid=no-cases]');
  let importSeconds: number | null = null;
  const existing = page.locator(`[data-testid=case-row][data-name="${caseName}"]`);
  if ((await existing.count()) === 0) {
    log(`importing ${file}`);
    await page.getByLabel('Case name').fill(caseName);
    const tImport = performance.now();
    await page.getByTestId('new-case-files').setInputFiles(file);
    await page.waitForFunction(() => document.querySelector('[data-testid=cases-panel]')?.getAttribute('data-imports-finished') === '1', null, { timeout: 1_800_000, polling: 500 });
    importSeconds = r1((performance.now() - tImport) / 1000);
  } else {
    log('case already imported in the profile');
    await page.getByRole('button', { name: `Open ${caseName}`, exact: true }).click();
  }
  await page.getByTestId('case-summary').waitFor({ timeout: 600_000 });
  const value = async (id: string) => Number(await page.getByTestId(id).getAttribute('data-value'));
  const caseCounts = { logonEvents: await value('summary-events'), users: await value('summary-users'), hosts: await value('summary-hosts'), edges: await value('summary-edges') };
  const caseId = await page.getByTestId('case-summary').getAttribute('data-case-id');
  const graphUrl = `${base}#/case/${encodeURIComponent(caseId!)}/graph?view=all&limit=40000`;
  const seconds = Number(process.env['GRAPH_BENCH_SECONDS'] ?? 8);

  // The default view (big graphs grouped: src/ui/graph/grouping.ts), then the whole graph (group=0),
  // both on the canvas; WebGL on request (GRAPH_BENCH_WEBGL=1): emulated on the CPU here (SwiftShader)
  // it took 86 s to a first frame and drew 0.3 frames a second.
  const variants: [string, string, 'canvas' | 'webgl'][] = [
    ['grouped', graphUrl, 'canvas'],
    ['full', `${graphUrl}&group=0`, 'canvas'],
  ];
  if (gl && process.env['GRAPH_BENCH_WEBGL'] === '1') variants.push(['full-webgl', `${graphUrl}&group=0`, 'webgl']);
  // GRAPH_BENCH_ONLY=full (or grouped): that view only, no search or force layout (quick A/B runs).
  const only = process.env['GRAPH_BENCH_ONLY'];
  const runs: Record<string, unknown> = {};
  let drawn = { nodes: 0, edges: 0 };
  for (const [name, url, choice] of variants) {
    if (only && name !== only) continue;
    await page.evaluate(`localStorage.setItem('logonlens.graphRenderer', '${choice}')`);
    await page.goto(`${base}#/cases`);
    log(`opening the graph (${name}, ${choice})`);
    const open = await openGraph(page, url);
    const view = page.getByTestId('graph-view');
    drawn = { nodes: Number(await view.getAttribute('data-nodes')), edges: Number(await view.getAttribute('data-edges')) };
    const elements = { nodes: Number(await view.getAttribute('data-drawn-nodes')), edges: Number(await view.getAttribute('data-drawn-edges')) };
    const renderer = await page.getByTestId('graph-canvas').getAttribute('data-renderer');
    // To look at: what the analyst sees first (bench/out/graph-10k-<view>.png).
    await page.screenshot({ path: join(OUT, `graph-10k-${name}.png`) });
    log(`  ${elements.nodes} nodes, ${elements.edges} edges drawn by ${renderer}: ${open.firstRenderSeconds} s (answer to drawn ${open.answerToDrawnSeconds} s); panning and zooming`);
    const { pan, zoom } = await panAndZoom(page, seconds);
    const idle = await framesDuring(page, () => page.waitForTimeout(1000));
    runs[name] = { renderer, drawn: elements, ...open, pan, zoom, idle, longestTaskMsInPanZoom: await longestTask(page) };
  }
  await page.evaluate(`localStorage.removeItem('logonlens.graphRenderer')`);
  if (only) {
    await context.close();
    console.log(JSON.stringify({ case: caseCounts, graph: drawn, runs }));
    server.stop();
    process.exit(0);
  }

  // Search: autocomplete suggestions for a prefix, then the searched graph drawn.
  await page.goto(`${base}#/cases`);
  await openGraph(page, graphUrl);
  const view = page.getByTestId('graph-view');
  log('search');
  const input = page.getByTestId('search-value').first();
  const listId = await input.getAttribute('list');
  const tSuggest = performance.now();
  await input.fill('a');
  await page.waitForFunction((id) => (document.getElementById(id!)?.children.length ?? 0) > 0, listId, { timeout: 60_000, polling: 10 });
  const suggestMs = performance.now() - tSuggest; // includes the input's pause (40 ms) before asking
  const first = await page.evaluate(`document.getElementById(${JSON.stringify(listId)})?.children[0]?.value ?? ''`) as string;
  await input.fill(first);
  const tSearch = performance.now();
  await page.getByTestId('search-submit').click();
  await page.waitForFunction(
    (n) => {
      const v = document.querySelector('[data-testid=graph-view]');
      return v?.getAttribute('data-status') === 'done' && Number(v.getAttribute('data-nodes')) < n && document.querySelector('[data-testid=graph-canvas][data-drawn]') !== null;
    },
    drawn.nodes,
    { timeout: 120_000, polling: 10 },
  );
  const searchMs = performance.now() - tSearch;
  const searchedNodes = Number(await view.getAttribute('data-nodes'));

  // The force layout on the whole big graph (computed in a worker), while the page keeps drawing.
  log('force layout');
  await page.goto(`${base}#/cases`);
  await openGraph(page, graphUrl);
  const tForce = performance.now();
  const duringForce = await framesDuring(page, async () => {
    await page.getByTestId('graph-layout').selectOption('cose');
    await page.waitForSelector('[data-testid=graph-canvas][data-layout=done]', { timeout: 600_000 });
  });
  const forceSeconds = (performance.now() - tForce) / 1000;
  await context.close();

  console.log(
    JSON.stringify({
      webgl: gl ?? 'no WebGL 2',
      case: caseCounts,
      importSeconds,
      graph: drawn,
      runs,
      autocompleteMs: Math.round(suggestMs),
      autocompleteFirst: first,
      searchToDrawnMs: Math.round(searchMs),
      searchedNodes,
      forceLayout: { seconds: r1(forceSeconds), pageFps: duringForce.fps, worstFrameMs: duringForce.worstFrameMs },
    }),
  );
} finally {
  server.stop();
}
