import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { CaseAccumulator } from '../src/core/case/accumulator';
import { importSources } from '../src/core/case/import';
import { memorySource } from '../src/core/evtx';
import { SECURITY_SCHEMAS } from '../src/core/evtx/writer';
import { demoScenarioOptions, groundTruth } from '../src/core/generator';
import { buildDemoLog } from '../workers/demo-log';
import { ARTIFACTS, expect, test } from './support';

/**
 * The Cases panel's "Open demo case": the generated demo log becomes a new case through the usual
 * import (here with the Sigma scan on import), its summary shows, and its Detections view names the
 * generator's DCSync attacker. Then the case's summary, Sigma results and Neo4j view in Japanese.
 */

let wantEvents: number;
let dcsyncAccounts: string[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // The same log the page generates (workers/demo-log.ts), read here as the case import reads it.
  const acc = new CaseAccumulator({ tzHours: 0, from: null, to: null });
  await importSources(acc, [memorySource(await buildDemoLog(), 'demo-domain-security.evtx')]);
  wantEvents = acc.logonCount;
  const truth = groundTruth({ ...demoScenarioOptions(), eventIds: [...SECURITY_SCHEMAS.keys()] });
  // Detections name accounts in lower case, without a domain (as src/core/case/ground-truth.test.ts matches them).
  dcsyncAccounts = truth.filter((t) => t.kind === 'dcsync').flatMap((t) => t.accounts.map((a) => a.toLowerCase().split('@')[0]!));
});

async function openDemoCase(page: Page): Promise<string> {
  await page.goto('/');
  await page.getByTestId('cases-toggle').click();
  const panel = page.getByTestId('cases-panel');
  await expect(panel).toBeVisible();
  const before = Number(await panel.getAttribute('data-imports-finished'));
  await page.getByTestId('scan-on-import').check();
  await page.getByTestId('demo-case-button').click();
  await expect(page.getByTestId('import-progress')).toBeVisible({ timeout: 120_000 });
  await expect(panel).toHaveAttribute('data-imports-finished', String(before + 1), { timeout: 300_000 });
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  await expect(page.getByTestId('case-notice')).toHaveAttribute('data-kind', 'info');
  return (await page.getByTestId('case-summary').getAttribute('data-case-id'))!;
}

test('the Cases panel opens the demo as a new case: its events, and DCSync by the generated attacker', async ({ page }) => {
  test.setTimeout(420_000);
  expect(wantEvents).toBeGreaterThan(10_000);
  expect(dcsyncAccounts.length).toBeGreaterThan(0);

  const id = await openDemoCase(page);
  await expect(page.getByTestId('summary-name')).toHaveText('Demo case');
  expect(Number(await page.getByTestId('summary-events').getAttribute('data-value'))).toBe(wantEvents);
  await expect(page.locator(`[data-testid=case-row][data-case-id="${id}"]`)).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'demo-case-summary.png'), fullPage: true });

  // The summary's link leads to the case's Detections view; DCSync rows name the attacker.
  await page.getByTestId('case-view-links').locator('a[data-view=detections]').click();
  await expect(page).toHaveURL(new RegExp(`#/case/${id}/detections`));
  await page.getByTestId('detection-kind').selectOption('dcsync');
  const rows = page.locator('[data-testid=detection-row][data-kind=dcsync]');
  await expect(rows.first()).toBeVisible();
  const accounts = (await rows.getByTestId('detection-account').allTextContents()).map((a) => a.trim().toLowerCase());
  for (const attacker of dcsyncAccounts) expect(accounts, `DCSync by ${attacker}`).toContain(attacker);
  await page.screenshot({ path: join(ARTIFACTS, 'demo-case-detections.png') });

  // In Japanese: the Sigma and Neo4j views and the summary of the same case, with no English left in chosen labels.
  await page.getByTestId('language-select').selectOption('ja');
  await page.goto(`/#/case/${id}/sigma`);
  const sigma = page.getByTestId('sigma-view');
  await expect(sigma.getByRole('heading', { name: 'ルールセット' })).toBeVisible();
  await expect(sigma.getByRole('heading', { name: 'このケースを再スキャン' })).toBeVisible();
  await expect(sigma.locator('legend').first()).toHaveText('実行するルール');
  await expect(page.getByRole('checkbox', { name: 'LogonLens rules を実行' })).toBeVisible();
  const results = page.getByTestId('sigma-results');
  await expect(results.getByRole('heading', { name: '結果' })).toBeVisible();
  expect(Number(await results.getAttribute('data-hits'))).toBeGreaterThan(0);
  await expect(page.getByTestId('sigma-hits').locator('thead')).toContainText('一致したフィールド');
  await expect(page.getByTestId('sigma-summary')).toContainText('でスキャン');
  const leftovers = ['Rule sets', 'Rules to run', 'Lowest level', 'Rescan this case', 'Import a rules folder', 'Scan files with these rules', 'Matched fields', 'Filter hits', 'Export JSON', 'shown', 'Raw event'];
  for (const english of leftovers)
    await expect(sigma, english).not.toContainText(english);
  await page.screenshot({ path: join(ARTIFACTS, 'ja-sigma.png'), fullPage: true });

  await page.goto(`/#/case/${id}/neo4j`);
  const neo4j = page.getByTestId('neo4j-view');
  await expect(neo4j.getByRole('heading', { name: 'Neo4j サーバー' })).toBeVisible();
  await expect(page.getByTestId('neo4j-status')).toHaveText('未接続です。');
  await expect(page.getByTestId('neo4j-connect')).toHaveText('接続');
  await expect(page.getByLabel('パスワード', { exact: true })).toBeVisible();
  for (const english of ['Neo4j server', 'Not connected', 'Password', 'Remember on this browser', 'Connect'])
    await expect(neo4j, english).not.toContainText(english);
  await page.screenshot({ path: join(ARTIFACTS, 'ja-neo4j.png'), fullPage: true });

  await page.goto('/#/cases');
  await expect(page.getByTestId('demo-case-button')).toHaveText('デモケースを開く');
  await page.getByRole('button', { name: 'Demo case を開く', exact: true }).click();
  await expect(page.getByTestId('detection-kinds')).toContainText('ログオン失敗');
  await expect(page.getByTestId('case-summary')).not.toContainText('logon-failure');
  await page.screenshot({ path: join(ARTIFACTS, 'ja-cases.png'), fullPage: true });
});
