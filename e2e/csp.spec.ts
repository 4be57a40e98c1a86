import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../vite.config';
import { expect, ROOT, test } from './support';

test('the built page carries the strict CSP meta and no inline script or style', async ({ page }) => {
  const html = readFileSync(join(ROOT, 'dist/index.html'), 'utf8');
  expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src &#39;self&#39;/);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // every script has a src
  expect(html).not.toMatch(/<style/);
  expect(html).not.toMatch(/\sstyle=/);

  await page.goto('/');
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', CONTENT_SECURITY_POLICY);
  await expect(page.getByRole('heading', { name: 'LogonLens' })).toBeVisible();
  // The fixture fails the test on any CSP violation while the page and its workers start.
});

test('the sources never inject HTML', () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(name) && /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML/.test(readFileSync(p, 'utf8'))) offenders.push(p);
    }
  };
  walk(join(ROOT, 'src/ui'));
  walk(join(ROOT, 'src/engine'));
  walk(join(ROOT, 'workers'));
  expect(offenders).toEqual([]);
});
