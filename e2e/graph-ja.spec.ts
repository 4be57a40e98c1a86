import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { writeEvtxFile } from '../src/core/evtx/writer/file';
import { createScenario } from '../src/core/generator';
import { ARTIFACTS, createCase, expect, test } from './support';

/**
 * The graph and diff views in Japanese, on a small generated case (with hostile names): the toolbar,
 * sidebar view names and hints, legend, search, filter, node picker, hover cards, node and edge details and the
 * diff form and counts are in Japanese, and chosen English labels are gone. Screenshots in e2e/artifacts.
 */

let dir: string;
let log: string;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'logonlens-graph-ja-'));
  log = join(dir, 'ja-domain.evtx');
  await writeEvtxFile(
    log,
    createScenario({ seed: 1, users: 30, workstations: 14, servers: 3, domainControllers: 1, days: 3, start: '2024-03-04', hostile: true, attacks: ['password-spraying', 'rdp-hopping', 'dcsync', 'new-domain-admin'] }).events(),
  );
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function noEnglish(area: Locator, words: string[]) {
  for (const english of words) await expect(area, english).not.toContainText(english);
}

test('graph and diff views in Japanese', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByTestId('language-select').selectOption('ja');
  const id = await createCase(page, 'ja graph', log);

  // The graph view.
  await page.goto(`/#/case/${encodeURIComponent(id)}/graph?view=all`);
  const graph = page.getByTestId('graph-view');
  await expect(graph).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('graph-counts')).toContainText(/^全ユーザー: ノード \d+ 個、エッジ \d+ 本$/);
  await expect(page.getByRole('toolbar', { name: 'グラフツール' })).toBeVisible();
  await expect(page.getByTestId('graph-layout').locator('option[value=grid]')).toHaveText('グリッド');
  await expect(page.getByTestId('graph-show-all')).toHaveText('すべて表示');
  await expect(page.getByTestId('graph-hide')).toHaveText('ノードを隠す');
  await expect(page.getByTestId('graph-export')).toHaveText('エクスポート');
  await expect(page.getByTestId('export-png')).toHaveText('PNG 画像');
  await expect(page.getByTestId('graph-view-all')).toHaveText('全ユーザー');
  await expect(page.getByTestId('graph-view-privileged')).toHaveText('SYSTEM 権限');
  await expect(page.getByTestId('graph-view-ms14-068')).toHaveText('MS14-068 攻撃の失敗');
  await expect(page.getByTestId('graph-view-rdp')).toHaveAttribute('title', 'ログオンタイプ 10（リモート対話型）');
  await expect(page.getByTestId('graph-to-diff')).toHaveText('差分グラフ…');
  await expect(page.getByRole('navigation', { name: 'グラフのビュー' })).toBeVisible();
  const legend = page.getByTestId('graph-legend');
  await expect(legend).toContainText('特権アカウント（4672）');
  await expect(legend).toContainText('ホスト / IP');
  await expect(legend).toContainText('エッジ: イベント ID : 回数 : ログオンタイプ');
  await expect(page.getByTestId('search-value').first()).toHaveAttribute('placeholder', '例: administrator');
  await expect(page.getByTestId('search-field').first().locator('option[value=ip]')).toHaveText('IP アドレス');
  await expect(page.getByTestId('search-submit')).toHaveText('検索');
  await expect(page.getByRole('search', { name: 'グラフを検索' })).toBeVisible();
  await expect(page.getByTestId('graph-filter-toggle')).toHaveText('フィルター');
  await expect(page.getByTestId('filter-apply')).toHaveText('フィルターを適用');
  await expect(page.getByTestId('graph-node-picker').locator('option').first()).toHaveText('（なし）');
  await expect(page.getByTestId('graph-canvas')).toHaveAttribute('aria-label', /^全ユーザー のグラフ: ノード \d+ 個、エッジ \d+ 本。/);
  await page.screenshot({ path: join(ARTIFACTS, 'ja-graph.png') });
  await page.getByTestId('graph-filter-toggle').click();
  await expect(page.getByTestId('filter-apply')).toBeVisible();
  await expect(graph.locator('.graph-filter legend').nth(1)).toHaveText(/^期間（(UTC[+−]\d+、ケースの時刻を UTC として表示|ケースの時刻)）$/);
  await page.getByTestId('graph-export').click();
  await page.screenshot({ path: join(ARTIFACTS, 'ja-graph-filter-export.png') });
  await page.getByTestId('graph-export').click();
  await page.getByTestId('graph-filter-toggle').click();

  // Hover cards: the pointer is moved over the canvas until it has shown a node's and an edge's.
  const box = (await page.getByTestId('graph-canvas').boundingBox())!;
  const seen = { node: '', edge: '' };
  for (let y = box.y + 20; y < box.y + box.height - 20 && !(seen.node && seen.edge); y += 9) {
    for (let x = box.x + 20; x < box.x + box.width - 20 && !(seen.node && seen.edge); x += 9) {
      await page.mouse.move(x, y);
      // One read, as the card may go between two calls.
      const text = await page.evaluate(() => document.querySelector('.graph-tooltip')?.textContent ?? '');
      if (!text) continue;
      const kind = text.includes('→') ? 'edge' : 'node';
      if (seen[kind]) continue;
      seen[kind] = text;
      await page.screenshot({ path: join(ARTIFACTS, `ja-graph-tooltip-${kind}.png`) });
    }
  }
  expect(seen.node).toMatch(/アカウント|ホスト/);
  expect(seen.node).not.toMatch(/Account|Host|Rank/);
  expect(seen.edge).toMatch(/回数 \d+、タイプ /);
  expect(seen.edge).not.toMatch(/Count|type|no package/);
  await page.mouse.move(0, 0);

  // A node's details and one of its edges; the hostile name stays text.
  await page.getByTestId('graph-node-picker').selectOption("account:o'brien");
  const node = page.getByTestId('node-details');
  await expect(page.getByTestId('node-name')).toHaveText("o'brien");
  await expect(node).toContainText('アカウント');
  await expect(node).toContainText('LogonTracer ランク');
  await expect(node).toContainText('権限');
  await expect(node).toContainText('NTLM の使用');
  await expect(page.getByTestId('graph-node-picker').locator('option', { hasText: "o'brien — アカウント" })).toHaveCount(1);
  await page.getByTestId('node-edge').first().click();
  const edge = page.getByTestId('edge-details');
  await expect(edge).toContainText('始点');
  await expect(edge).toContainText('ログオンタイプ');
  await expect(edge).toContainText('ケース全体で');
  await expect(page.getByTestId('edge-event-raw').first()).toHaveText('元データ');
  await page.screenshot({ path: join(ARTIFACTS, 'ja-graph-edge.png') });
  await page.getByTestId('graph-node-picker').selectOption("account:o'brien");
  await expect(node).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'ja-graph-node.png') });
  await noEnglish(graph, [
    'All users', 'SYSTEM privileges', 'exploit failure', 'Layout', 'Fit', 'Show all', 'Hide node', 'Focus neighbourhood', 'Size by rank',
    'Edge labels', 'PNG image', 'Privileged account', 'Host / IP', 'Audit policy change', 'Apply filter', 'Count greater than', 'Time window',
    'Event ids', 'Select node', '(none)', 'Diff graph', 'Search from this node', 'LogonTracer rank', 'Standard PageRank', 'HMM flag',
    'Detections', 'Privilege', 'NTLM seen', 'Logon type', 'Events in window', 'in the case', ' nodes, ', ' — account', 'Clear',
  ]);

  // The diff view: two windows of the case, then the case mode waiting for a choice.
  await page.getByTestId('graph-to-diff').click();
  const diff = page.getByTestId('diff-view');
  await expect(diff).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('diff-counts')).toContainText('のみのエッジ');
  await expect(page.getByTestId('diff-counts')).toContainText('両方:');
  await expect(page.getByTestId('graph-legend')).toContainText('A（');
  await expect(page.getByTestId('graph-legend')).toContainText('両方');
  await expect(page.getByTestId('diff-view-select').locator('option[value=all]')).toHaveText('全ユーザー');
  await expect(page.getByTestId('diff-apply')).toHaveText('比較');
  await expect(diff.locator('legend').first()).toHaveText('比較対象');
  await expect(diff).toContainText('A（ケースの時刻）');
  await expect(diff).toContainText('二つの期間');
  await page.screenshot({ path: join(ARTIFACTS, 'ja-diff.png') });
  await noEnglish(diff, ['Only in', 'In both', 'Compare', 'two time windows', 'this case with another', 'case clock', 'Edges only in', 'in both', 'All users', 'Layout', 'Export', 'From', ' To ']);
  await page.getByTestId('diff-mode-cases').check();
  await page.getByTestId('diff-apply').click();
  await expect(diff).toContainText('比較するケースを選んでください。');
  await expect(page.getByTestId('diff-other').locator('option').first()).toHaveText('（選択）');
  await noEnglish(diff, ['Choose the case', 'Other case', '(choose)']);
});
