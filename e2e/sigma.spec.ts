import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { corpus, expect, HAVE_CORPUS, NO_CORPUS, test } from './support';

/**
 * Sigma in the app: a case created with "scan with Sigma on import" (the bundled LogonLens rules)
 * gets its hits; a rule pack imported from a folder (a few SigmaHQ rules read from the corpus at
 * test time, never committed, and one broken file) is listed with its counts and the refused file;
 * a rescan with that pack replaces the results; a hit leads to the graph and to its raw event; the
 * hits export as CSV with each rule's author and source.
 */

const SAMPLE = 'attack-samples/Lateral Movement/ImpersonateUser-via local Pass The Hash Sysmon and Security.evtx';
const PACK_RULES = [
  'sigmahq/rules/windows/builtin/security/win_security_lm_namedpipe.yml',
  'sigmahq/rules/windows/builtin/security/account_management/win_security_pass_the_hash_2.yml',
  'sigmahq/rules/windows/builtin/win_alert_mimikatz_keywords.yml',
  'sigmahq/rules/linux/builtin/lnx_clear_syslog.yml',
];
const PTH_RULE = '4d121eee-0fcc-44fa-b2f5-68850047262d';
const NAMED_PIPE_RULE = '52d8b0c6-53d6-439a-9e41-52ad442ad9ad';

let dir: string;
let log: string;
let pack: string;

test.beforeAll(() => {
  test.skip(!HAVE_CORPUS, NO_CORPUS);
  dir = mkdtempSync(join(tmpdir(), 'logonlens-sigma-'));
  log = join(dir, 'pth-sample.evtx');
  copyFileSync(corpus(SAMPLE), log);
  pack = join(dir, 'sigmahq-few');
  mkdirSync(join(pack, 'windows'), { recursive: true });
  for (const r of PACK_RULES) {
    const name = r.split('/').pop()!;
    try {
      copyFileSync(corpus(r), join(pack, 'windows', name));
    } catch {
      // a rule missing from this corpus copy: the pack is one rule smaller
    }
  }
  writeFileSync(join(pack, 'windows', 'broken.yml'), 'title: broken\ndetection:\n  condition: nothing_defined\n');
  writeFileSync(join(pack, 'README.md'), 'not a rule');
});
test.afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function importAndWait(page: Page, start: () => Promise<unknown>) {
  const panel = page.getByTestId('cases-panel');
  const before = Number(await panel.getAttribute('data-imports-finished'));
  await start();
  await expect(panel).toHaveAttribute('data-imports-finished', String(before + 1), { timeout: 120_000 });
}

test('scan on import, rule pack from a folder, rescan, hit to graph and raw event, CSV export', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByTestId('cases-toggle').click();
  await expect(page.getByTestId('cases-panel')).toBeVisible();

  // Scan on import with the bundled rules (the default choice).
  await page.getByTestId('scan-on-import').check();
  await page.getByLabel('Case name').fill('sigma case');
  await importAndWait(page, () => page.getByTestId('new-case-files').setInputFiles(log));

  // The Sigma view of the case (the shell's tab).
  await page.getByTestId('tab-sigma').click();
  const view = page.getByTestId('sigma-view');
  await expect(view).toBeVisible();
  expect(page.url()).toMatch(/#\/case\/[^/]+\/sigma/);
  await expect(page.getByTestId('sigma-results')).toBeVisible();
  const pthRow = page.locator(`[data-testid=sigma-hit-row][data-rule-id="${PTH_RULE}"]`);
  await expect(pthRow).toHaveCount(1);
  await expect(pthRow).toContainText('LogonLens');
  await expect(pthRow).toContainText('sigma/windows/security/pass_the_hash_ntlm_network_logon.yml');
  await expect(page.getByTestId('sigma-summary')).toContainText('LogonLens rules');

  // Raw event of the hit (kept with the results).
  await pthRow.getByTestId('sigma-raw-toggle').click();
  await expect(page.getByTestId('sigma-raw')).toContainText('"EventID": 4624');

  // CSV export: header, the hit, author and source.
  const download = page.waitForEvent('download');
  await page.getByTestId('sigma-export-csv').click();
  const csvPath = join(dir, 'hits.csv');
  await (await download).saveAs(csvPath);
  const csv = readFileSync(csvPath, 'utf8').split('\r\n');
  expect(csv[0]).toBe('time,level,rule,rule_id,status,computer,channel,event_id,record_id,file,matched_fields,rule_author,rule_source');
  expect(csv.find((l) => l.includes(PTH_RULE))).toContain(',LogonLens,sigma/windows/security/pass_the_hash_ntlm_network_logon.yml');

  // A rule pack from a folder: listed with what loaded and what did not (with the reason).
  await page.getByTestId('sigma-import-folder').setInputFiles(pack);
  const packRow = page.locator('[data-testid=sigma-rule-set][data-name="sigmahq-few"]');
  await expect(packRow).toBeVisible({ timeout: 60_000 });
  await expect(packRow).toHaveAttribute('data-rejected', '1');
  await expect(packRow).toHaveAttribute('data-inactive', '1'); // the Linux rule
  await packRow.getByTestId('sigma-rule-problems').locator('summary').click();
  await expect(packRow.getByTestId('sigma-rule-problems')).toContainText('broken.yml');

  // Rescan with the pack only: the files are picked again; the results are replaced.
  await page.getByRole('checkbox', { name: 'Run LogonLens rules' }).uncheck();
  await expect(page.getByRole('checkbox', { name: 'Run sigmahq-few' })).toBeChecked();
  await page.getByTestId('sigma-rescan-files').setInputFiles(log);
  await expect(page.getByTestId('sigma-notice')).toContainText('Scanned', { timeout: 60_000 });
  await expect(page.getByTestId('sigma-summary')).toContainText('sigmahq-few');
  await expect(page.locator(`[data-testid=sigma-hit-row][data-rule-id="${PTH_RULE}"]`)).toHaveCount(0);
  const pipeRow = page.locator(`[data-testid=sigma-hit-row][data-rule-id="${NAMED_PIPE_RULE}"]`);
  await expect(pipeRow).toHaveCount(1);
  await expect(pipeRow).toContainText('sigmahq-few/windows/win_security_lm_namedpipe.yml');

  // Filters live in the URL.
  await page.getByTestId('sigma-filter-q').fill('no such text anywhere');
  await expect(page.getByTestId('sigma-shown')).toHaveAttribute('data-value', '0');
  await expect.poll(() => page.url()).toContain('q=no+such+text');
  await page.getByTestId('sigma-filter-q').fill('');

  // Back to the bundled rules, and from a hit into the graph.
  await page.getByRole('checkbox', { name: 'Run LogonLens rules' }).check();
  await page.getByRole('checkbox', { name: 'Run sigmahq-few' }).uncheck();
  await page.getByTestId('sigma-rescan-files').setInputFiles(log);
  await expect(page.locator(`[data-testid=sigma-hit-row][data-rule-id="${PTH_RULE}"]`)).toHaveCount(1, { timeout: 60_000 });
  const link = page.locator(`[data-testid=sigma-hit-row][data-rule-id="${PTH_RULE}"]`).getByTestId('sigma-graph-link').first();
  const account = await link.getAttribute('data-account');
  expect(account).toBeTruthy();
  await link.click();
  await expect.poll(() => decodeURIComponent(page.url())).toMatch(new RegExp(`#/case/[^/]+/graph\\?search=account:${account}`));

  // Results stay with the case: back in the Sigma view after a reload.
  await page.goBack();
  await page.reload();
  await expect(page.getByTestId('sigma-results')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator(`[data-testid=sigma-hit-row][data-rule-id="${PTH_RULE}"]`)).toHaveCount(1);
});
