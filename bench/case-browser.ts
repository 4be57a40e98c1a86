// A Security log from file to a persisted, ranked case, in Chromium: the built app (vite preview)
// imports the log through its Cases panel (chunk-parallel parsing workers, the case worker's
// analysis, one IndexedDB transaction). Prints the page's own timings, the wall time, and the peak
// memory of the browser's processes.
//   tsx bench/case-browser.ts FILE.evtx    (run `vite build` first; npm run bench does)
import { CHROMIUM, startPreview } from './preview';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { chromium } from 'playwright-core';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/case-browser.ts FILE.evtx');
const port = 4180 + Math.floor(Math.random() * 100);
const server = await startPreview(port);

/** Every process of the machine with its parent, from /proc. */
function processTree(): Map<number, number> {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      parent.set(Number(d), Number(/PPid:\s+(\d+)/.exec(readFileSync(`/proc/${d}/status`, 'utf8'))?.[1] ?? 0));
    } catch {
      /* exited */
    }
  }
  return parent;
}

/** The pids of `root` and its descendants (other browsers on the machine excluded). */
function descendants(root: number): number[] {
  const parent = processTree();
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter(inTree);
}

/** Resident memory (MiB) of these processes. */
function rssMiB(pids: readonly number[]): number {
  let kib = 0;
  for (const pid of pids) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* exited */
    }
  }
  return kib / 1024;
}

try {
  // launch(), not launchServer()+connect(): a remote connection would copy the file into the page.
  const browser = await chromium.launch(CHROMIUM);
  // The browser is a child of this process.
  const root = [...processTree()].find(([pid, ppid]) => ppid === process.pid && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chromium'))?.[0] ?? -1;
  // Walking all of /proc is slow: the list of the browser's processes is refreshed once a second.
  let tree = descendants(root);
  let lastWalk = performance.now();
  const chromiumRssMiB = () => {
    if (performance.now() - lastWalk > 1000) (tree = descendants(root)), (lastWalk = performance.now());
    return rssMiB(tree);
  };
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId('cases-toggle').click();
  const panel = page.getByTestId('cases-panel');
  await panel.waitFor();
  await page.getByLabel('Case name').fill('bench');
  const baseline = chromiumRssMiB();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, chromiumRssMiB())), 300);
  const t0 = performance.now();
  await page.getByTestId('new-case-files').setInputFiles(file);
  await page.waitForFunction(() => document.querySelector('[data-testid=cases-panel]')?.getAttribute('data-imports-finished') === '1', null, { timeout: 600_000, polling: 100 });
  const wall = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const notice = (await page.getByTestId('case-notice').textContent()) ?? '';
  const events = Number(await page.getByTestId('summary-events').getAttribute('data-value'));
  console.error(`imported: ${notice}`);
  // Reopening after a reload: the stored case, no parsing.
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.getByTestId('cases-toggle').click();
  const t1 = performance.now();
  await page.getByRole('button', { name: 'Open bench', exact: true }).click({ timeout: 120_000 });
  await page.getByTestId('summary-name').waitFor();
  const reopen = (performance.now() - t1) / 1000;
  await browser.close();
  console.log(
    JSON.stringify({
      file: basename(file),
      fileMB: Math.round(statSync(file).size / 1e6),
      logonEvents: events,
      wallSeconds: Math.round(wall * 10) / 10,
      pageReport: notice,
      reopenSeconds: Math.round(reopen * 10) / 10,
      browserPeakRssMiB: Math.round(peak),
      browserBaselineRssMiB: Math.round(baseline),
    }),
  );
} finally {
  server.stop();
}
