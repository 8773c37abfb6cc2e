// Remote tags, updates and a pull's progress on its row, against a real registry on loopback (and the fault proxy
// in front of it for a pull that must stay in progress, or a registry that fails): the detail pane's Registry tab
// lists the repository's tags with Pull on each; "Check for updates" marks an image whose tag has moved, and the
// pane pulls the update; a failure to check is a quiet mark, not a flood of toasts; a running pull shows on its
// row (or a pending row for a new name) with cancel. Screenshots 96-99 in both themes (96 also at 900x600).
/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startFaultProxy, type FaultProxy } from '../electron/core/testing/fault-proxy.js';
import { startRegistry, type Registry } from '../electron/core/testing/registry.js';
import { pushTestImage, type SeededImage } from '../electron/core/testing/registry-seed.js';
import { repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const BIG = randomBytes(3 * 1024 * 1024);
let registry: Registry;
let proxy: FaultProxy;
let slowNew: SeededImage;

test.beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
  for (const tag of ['1', '2', '3']) await pushTestImage(registry, 'test/web', [tag], [randomBytes(20_000)]);
  slowNew = await pushTestImage(registry, 'test/fresh', ['1'], [randomBytes(10_000), BIG]);
  await pushTestImage(registry, 'test/many', Array.from({ length: 14 }, (_, i) => `1.${i}`), [randomBytes(5_000)]);
});

test.afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
});

test.beforeEach(() => {
  proxy.plan = null;
});

async function shots(page: Page, name: string, target?: Locator): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.waitForTimeout(150);
    const file = path.join(OUT, `${theme}-${name}.png`);
    if (target) await target.screenshot({ path: file });
    else await page.screenshot({ path: file });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const pane = (page: Page) => page.getByRole('complementary', { name: 'Image details' });

async function openRegistryTab(page: Page, reference: string): Promise<void> {
  await row(page, reference).click();
  await page.keyboard.press('Enter');
  await pane(page).getByRole('tab', { name: 'Registry' }).click();
}

test('the Registry tab lists the tags in the registry, marks the local ones, and pulls one', async ({ page, berth }) => {
  const web = `${registry.host}/test/web`;
  await berth.cli('pull', '-q', `${web}:1`);
  await openImages(page, berth.url, SEED.rows + 1);
  // An image that never came from a registry has no Registry tab (asking would mean Docker Hub for a local name).
  await row(page, SEED.configured).click();
  await page.keyboard.press('Enter');
  await expect(pane(page).getByRole('tab', { name: 'Overview' })).toBeVisible();
  await expect(pane(page).getByRole('tab', { name: 'Registry' })).toHaveCount(0);

  await openRegistryTab(page, `${web}:1`);
  const tags = pane(page).getByRole('list', { name: 'Tags in registry' });
  await expect(tags.getByRole('listitem')).toHaveCount(3);
  await expect(tags.getByRole('listitem').filter({ hasText: /^1/ })).toContainText('local');
  await expect(tags.getByRole('listitem').filter({ hasText: /^2/ })).not.toContainText('local');
  await expect(pane(page)).toContainText('Not checked yet.');
  await shots(page, '96-registry-tags');
  await page.setViewportSize({ width: 900, height: 600 });
  await shots(page, '96-registry-tags-900');
  await page.setViewportSize({ width: 1280, height: 760 });

  await tags.getByRole('button', { name: `Pull ${web}:2` }).click();
  await expect(row(page, `${web}:2`)).toBeVisible({ timeout: 15_000 });
  await expect(tags.getByRole('listitem').filter({ hasText: /^2/ })).toContainText('local');
});

test('many tags get a filter box; the newest-looking version comes first', async ({ page, berth }) => {
  const many = `${registry.host}/test/many`;
  await berth.cli('pull', '-q', `${many}:1.3`);
  await openImages(page, berth.url, SEED.rows + 1);
  // The one image from a registry is up to date, and the toast says so.
  await page.getByRole('button', { name: 'Check for updates' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'All images are up to date' })).toBeVisible();
  await openRegistryTab(page, `${many}:1.3`);
  await expect(pane(page)).toContainText('Up to date with the registry.');
  const tags = pane(page).getByRole('list', { name: 'Tags in registry' });
  await expect(tags.getByRole('listitem')).toHaveCount(14);
  await expect(tags.getByRole('listitem').first()).toContainText('1.13');
  await pane(page).getByRole('searchbox', { name: 'Filter tags' }).fill('1.1');
  await expect(tags.getByRole('listitem')).toHaveCount(5); // 1.1, 1.10 … 1.13
  await pane(page).getByRole('searchbox', { name: 'Filter tags' }).fill('9.9');
  await expect(pane(page)).toContainText('No tag matches “9.9”.');
});

test('the Registry tab says when the registry cannot list the tags, and retries', async ({ page, berth }) => {
  const web = `${proxy.host}/test/web`;
  await berth.cli('pull', '-q', `${web}:1`);
  proxy.plan = (req) => (req.url.includes('/tags/list') ? { kind: 'respond', status: 404, body: '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}' } : undefined);
  await openImages(page, berth.url, SEED.rows + 1);
  await openRegistryTab(page, `${web}:1`);
  await expect(pane(page).getByRole('alert')).toContainText('Could not list the tags');
  proxy.plan = null;
  await pane(page).getByRole('button', { name: 'Retry' }).click();
  await expect(pane(page).getByRole('list', { name: 'Tags in registry' }).getByRole('listitem')).toHaveCount(3);
});

test('Check for updates marks an image whose tag moved; the pane pulls the update; a failed check is a quiet mark', async ({ page, berth }) => {
  const moving = `${registry.host}/test/moving`;
  await pushTestImage(registry, 'test/moving', ['1'], [randomBytes(15_000)]);
  await berth.cli('pull', '-q', `${moving}:1`);
  const broken = `${proxy.host}/test/web:3`;
  await berth.cli('pull', '-q', broken);
  await openImages(page, berth.url, SEED.rows + 2);

  // The tag moves in the registry; the proxied registry starts failing.
  const moved = await pushTestImage(registry, 'test/moving', ['1'], [randomBytes(15_000)]);
  proxy.plan = (req) => (req.url.includes('/manifests/') ? { kind: 'respond', status: 503, body: 'down for maintenance' } : undefined);
  await page.getByRole('button', { name: 'Check for updates' }).click();
  const toast = page.getByRole('status').filter({ hasText: '1 image has an update' });
  await expect(toast).toContainText('1 could not be checked');
  await expect(page.getByRole('status').filter({ hasText: /Could not (check|pull)/ })).toHaveCount(0);

  const movingRow = row(page, `${moving}:1`);
  await expect(movingRow.locator('[data-update="available"]')).toHaveText('Update');
  await expect(movingRow).toHaveAttribute('aria-description', 'Update available in the registry');
  const brokenRow = row(page, broken);
  await expect(brokenRow.locator('[data-update="error"]')).toHaveAttribute('title', /Could not check for updates .*503/);
  await expect(row(page, SEED.configured).locator('.update-mark')).toHaveCount(0);
  await brokenRow.locator('[data-update="error"]').hover();
  await shots(page, '97-update-available');

  // The pane: the mark in its header, and Pull to update on the Registry tab.
  await movingRow.click();
  await page.keyboard.press('Enter');
  await pane(page).getByRole('button', { name: 'Update available' }).click();
  await expect(pane(page).getByRole('tab', { name: 'Registry' })).toHaveAttribute('aria-selected', 'true');
  await expect(pane(page).getByRole('status').filter({ hasText: 'Update available.' })).toContainText(moved.manifestDigest.slice(0, 19));
  await expect(pane(page).getByRole('list', { name: 'Tags in registry' }).getByRole('listitem')).toContainText('local, outdated');
  await shots(page, '97-update-pane', pane(page));
  await pane(page).getByRole('button', { name: 'Pull to update' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded newer image' })).toBeVisible({ timeout: 15_000 });
  await expect(movingRow.locator('.update-mark')).toHaveCount(0);
  await expect(pane(page).getByRole('button', { name: 'Update available' })).toHaveCount(0);
  await expect(pane(page).getByRole('list', { name: 'Tags in registry' }).getByRole('listitem')).not.toContainText('outdated');

  // Remembered across a reload (no second check within the hour): the failure mark is still there.
  await page.reload();
  await expect(row(page, broken).locator('[data-update="error"]')).toBeVisible();
});

test('a running pull shows on its row with cancel, and a new name gets a pending row until it lands', async ({ page, berth }) => {
  test.setTimeout(60_000);
  const fresh = `${proxy.host}/test/fresh:1`;
  const big = slowNew.layers[1]!.digest;
  await openImages(page, berth.url, SEED.rows);

  // A new name: a pending row above the table while the big layer is held part-way.
  proxy.plan = (req) => (req.url.endsWith(big) ? { kind: 'cut', afterBytes: 1024 * 1024, stall: true } : undefined);
  await page.getByRole('button', { name: 'Pull…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pull an image' });
  await dialog.getByRole('combobox', { name: 'Image' }).fill(fresh);
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await dialog.getByRole('button', { name: 'Continue in background' }).click();
  const pending = page.getByRole('rowgroup', { name: 'Pulls in progress' }).getByRole('row');
  await expect(pending).toHaveCount(1);
  await expect(pending.getByRole('progressbar', { name: `Pulling ${fresh}` })).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/, { timeout: 10_000 });
  await expect(pending).toContainText('%');
  await shots(page, '99-pull-pending-row');
  await pending.getByRole('button', { name: `Cancel the pull of ${fresh}` }).click();
  await expect(pending).toHaveCount(0);
  await expect(row(page, fresh)).toHaveCount(0);

  // Now let it land; then a re-pull of the listed name shows on the row itself.
  proxy.plan = null;
  await berth.cli('pull', '-q', fresh);
  await expect(row(page, fresh)).toBeVisible();
  await pushTestImage(registry, 'test/fresh', ['1'], [randomBytes(10_000), BIG.subarray(0, BIG.length - 1)]);
  const moved = (await import('node:crypto')).createHash('sha256').update(BIG.subarray(0, BIG.length - 1)).digest('hex');
  proxy.plan = (req) => (req.url.endsWith(moved) ? { kind: 'cut', afterBytes: 1024 * 1024, stall: true } : undefined);
  await row(page, fresh).hover();
  await row(page, fresh).getByRole('button', { name: `Pull ${fresh.replace(/:1$/, '')}:1` }).click();
  const bar = row(page, fresh).getByRole('progressbar', { name: `Pulling ${fresh}` });
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/, { timeout: 10_000 });
  await expect(dataRows(page).filter({ has: page.getByRole('progressbar') })).toHaveCount(1);
  await page.mouse.move(5, 700);
  await shots(page, '98-pull-row-progress');
  await row(page, fresh).getByRole('button', { name: `Cancel the pull of ${fresh}` }).click();
  await expect(bar).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'cancelled' }).first()).toBeVisible();
});
