// When `berth serve` goes away the page says so at once, disables what would change the store and reconnects on
// its own when serve is back: same store, same user, same token (saved beside settings.json), no reload.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { berth, repoRoot, serve, type Served } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');

function banner(page: Page) {
  return page.getByRole('alert', { name: 'Connection lost' });
}

async function kill(served: Served): Promise<void> {
  if (served.process.exitCode !== null || served.process.signalCode !== null) return;
  const exited = new Promise((done) => served.process.once('exit', done));
  served.process.kill('SIGKILL');
  await exited;
}

test('a killed berth serve shows the banner and disables actions; a restart on the same store brings the page back', async ({ page }) => {
  test.setTimeout(60_000);
  const work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-conn-'));
  const store = path.join(work, 'store');
  const config = path.join(work, 'config', 'settings.json');
  const seed = process.env.BERTH_E2E_SEED;
  if (!seed) throw new Error('BERTH_E2E_SEED is not set: the global setup did not run');
  await cp(seed, store, { recursive: true });
  let served = await serve(store, { config });
  try {
    const firstUrl = served.url;
    const port = Number(new URL(served.url).port);
    await openImages(page, served.url, SEED.rows);
    await row(page, SEED.single).click();
    await expect(page.getByRole('button', { name: 'Tag…' })).toBeEnabled();
    await expect(banner(page)).toHaveCount(0);

    await kill(served);
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toContainText('Lost the connection to berth serve');
    for (const name of ['Tag…', 'Remove…', 'Import…']) await expect(page.getByRole('button', { name })).toBeDisabled();
    // The keyboard's Delete does not open the remove dialog either.
    await page.keyboard.press('Delete');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    // The rows stay readable while the server is away.
    await expect(dataRows(page)).toHaveCount(SEED.rows);

    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await page.waitForTimeout(250);
      await page.screenshot({ path: path.join(OUT, `${theme}-connection-lost.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // Meanwhile the store changes from the CLI; the page must show it once back.
    await berth(store, ['tag', SEED.single, 'offline/added:1']);

    served = await serve(store, { config, port });
    expect(served.url).toBe(firstUrl); // the same token: the open tab is let back in
    await expect(banner(page)).toHaveCount(0, { timeout: 15_000 });
    await expect(dataRows(page)).toHaveCount(SEED.rows + 1);
    await expect(row(page, 'offline/added:1')).toBeVisible();

    // And the page works again, without a reload: remove the tag added while it was away.
    await row(page, 'offline/added:1').click();
    await page.getByRole('button', { name: 'Remove…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(row(page, 'offline/added:1')).toHaveCount(0);
    await expect(dataRows(page)).toHaveCount(SEED.rows);
  } finally {
    await kill(served);
    await rm(work, { recursive: true, force: true });
  }
});

test('a page without the token is still refused by a restarted serve', async ({ page }) => {
  const work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-conn-'));
  const store = path.join(work, 'store');
  const config = path.join(work, 'config', 'settings.json');
  const first = await serve(store, { config });
  let second: Served | null = null;
  try {
    await kill(first);
    second = await serve(store, { config, port: Number(new URL(first.url).port) });
    expect(second.url).toBe(first.url);
    const bare = new URL(second.url);
    bare.search = '';
    await page.goto(bare.href);
    await expect(page.getByRole('heading', { name: 'This page has no access to Berth' })).toBeVisible();
  } finally {
    await kill(first);
    if (second) await kill(second);
    await rm(work, { recursive: true, force: true });
  }
});
