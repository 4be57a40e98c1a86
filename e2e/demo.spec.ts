import { join } from 'node:path';
import { SECURITY_SCHEMAS } from '../src/core/evtx/writer';
import { createScenario, demoScenarioOptions } from '../src/core/generator';
import { ARTIFACTS, count, expect, test } from './support';

test('opens the demo case: a generated domain, parsed without a problem', async ({ page }) => {
  // What the demo holds, counted from the generator itself in the test process.
  let events = 0;
  for (const _ of createScenario({ ...demoScenarioOptions(), eventIds: [...SECURITY_SCHEMAS.keys()] })) events++;
  expect(events).toBeGreaterThan(10_000);

  await page.goto('/');
  await page.getByTestId('demo-button').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  expect(await count(page, 'record-count')).toBe(events);
  expect(await count(page, 'problem-count')).toBe(0);
  await expect(page.getByTestId('demo-button')).toBeEnabled();
  await expect(page.locator('#record-row-0')).toHaveAttribute('data-record-id', '1');
  await page.screenshot({ path: join(ARTIFACTS, 'demo.png') });
});
