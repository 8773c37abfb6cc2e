// Pulling from a real registry (docker-registry on loopback, seeded over the distribution API): the Pull dialog
// (checked as typed, recent references, per-layer progress, errors in place, cancel), Pull on a row (re-pull =
// update), a pull's layers in Tasks, a cancelled pull resumed by the next; screenshots 78-84 in both themes.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { startFaultProxy, type FaultProxy } from '../electron/core/testing/fault-proxy.js';
import { startRegistry, type Registry } from '../electron/core/testing/registry.js';
import { pushTestImage, type SeededImage } from '../electron/core/testing/registry-seed.js';
import { repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;
/** Big enough that the stalled pull shows a layer part-way. */
const BIG = randomBytes(2 * 1024 * 1024);
const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

let registry: Registry;
/** In front of the registry, for the pull that stalls mid-layer until it is cancelled. */
let proxy: FaultProxy;
let app: SeededImage;

test.beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
  app = await pushTestImage(registry, 'test/app', ['1'], [randomBytes(40_000), BIG, randomBytes(120_000)]);
  // Shares app's first layer: pulled first, it makes that layer "Already exists".
  await pushTestImage(registry, 'test/base', ['1'], [app.layers[0]!.bytes]);
});

test.afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
});

async function shots(page: Page, name: string): Promise<void> {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const pullDialog = (page: Page) => page.getByRole('dialog', { name: 'Pull an image' });
const imageField = (page: Page) => pullDialog(page).getByRole('combobox', { name: 'Image' });
const shortHex = (digest: string) => digest.slice(7, 19);

test('the dialog checks the name as typed and says the full name docker completes', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await page.getByRole('button', { name: 'Pull…' }).click();
  await imageField(page).fill('Test/App:1');
  await expect(pullDialog(page)).toContainText('Image names must be lowercase');
  await expect(imageField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(pullDialog(page).getByRole('button', { name: 'Pull', exact: true })).toBeDisabled();
  await imageField(page).fill('app:bad tag');
  await expect(pullDialog(page).getByRole('button', { name: 'Pull', exact: true })).toBeDisabled();
  await imageField(page).fill('alpine');
  await expect(pullDialog(page)).toContainText('Pulls docker.io/library/alpine:latest');
  await expect(pullDialog(page).getByRole('button', { name: 'Pull', exact: true })).toBeEnabled();
  await pullDialog(page).getByRole('textbox', { name: 'Platform' }).fill('linux/');
  await expect(pullDialog(page).getByRole('textbox', { name: 'Platform' })).toHaveAttribute('aria-invalid', 'true');
  await expect(pullDialog(page).getByRole('button', { name: 'Pull', exact: true })).toBeDisabled();
});

test('pull through the dialog: a new row with the ID, its layers in Tasks, then "up to date" from the recent list', async ({ page, berth }) => {
  test.setTimeout(60_000);
  const reference = `${registry.host}/test/app:1`;
  await berth.cli('pull', '-q', `${registry.host}/test/base:1`);
  await openImages(page, berth.url, SEED.rows + 1);
  await page.keyboard.press('Control+p');
  await expect(pullDialog(page)).toBeVisible();
  await expect(imageField(page)).toBeFocused();
  await imageField(page).fill(reference);
  await pullDialog(page).getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(pullDialog(page)).toBeHidden({ timeout: 20_000 });
  const toast = page.getByRole('status').filter({ hasText: 'Downloaded newer image' });
  await expect(toast).toContainText(reference);
  await expect(dataRows(page)).toHaveCount(SEED.rows + 2);
  await expect(row(page, reference)).toContainText(shortHex(app.config.digest));
  await toast.getByRole('button', { name: 'Show the pulled image' }).click();
  await expect(row(page, reference)).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
  const layers = page.getByRole('list', { name: `Layers of Pull ${reference}` });
  const [shared, ...fetched] = app.layers;
  await expect(layers.getByRole('listitem', { name: `Layer ${shortHex(shared!.digest)}: Already exists` })).toBeVisible();
  for (const layer of fetched) await expect(layers.getByRole('listitem', { name: `Layer ${shortHex(layer.digest)}: Download complete` })).toBeVisible();
  await shots(page, '82-pull-task-layers');

  // Again, from the recent references: nothing fetched, docker's "up to date".
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Images' }).click();
  await page.getByRole('button', { name: 'Pull…' }).click();
  await pullDialog(page).getByRole('button', { name: reference }).click();
  await expect(imageField(page)).toHaveValue(reference);
  await pullDialog(page).getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Image is up to date' })).toContainText(reference);
  await expect(dataRows(page)).toHaveCount(SEED.rows + 2);
});

test('Pull on a row pulls its name again without a dialog; a dangling row has no Pull', async ({ page, berth }) => {
  const reference = `${registry.host}/test/app:1`;
  await berth.cli('pull', '-q', reference);
  await openImages(page, berth.url, SEED.rows + 1);
  await row(page, reference).click({ button: 'right' });
  const pull = page.getByRole('menuitem', { name: 'Pull', exact: true });
  await expect(pull).toBeVisible();
  await shots(page, '81-pull-row-menu');
  await pull.click();
  await expect(pullDialog(page)).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Image is up to date' })).toContainText(reference);

  const dangling = dataRows(page).filter({ hasText: '<none>' }).first();
  await dangling.hover();
  await expect(dangling.getByRole('button', { name: /^Pull/ })).toHaveCount(0);
  await dangling.click({ button: 'right' });
  await expect(page.getByRole('menuitem', { name: 'Pull', exact: true })).toHaveAttribute('aria-disabled', 'true');
});

test('a missing tag shows the core’s NOT_FOUND message in the dialog', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await page.getByRole('button', { name: 'Pull…' }).click();
  await imageField(page).fill(`${registry.host}/test/app:nope`);
  await pullDialog(page).getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(pullDialog(page).getByRole('alert')).toContainText(`manifest for ${registry.host}/test/app:nope not found: manifest unknown`);
  // The form is back for another try, and no toast repeats the error.
  await expect(imageField(page)).toBeEnabled();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('alert')).toHaveCount(0);
  await shots(page, '83-pull-error');
  await expect(dataRows(page)).toHaveCount(SEED.rows);
});

test('a pull shows each layer’s progress, can be cancelled (nothing added) and resumes when pulled again', async ({ page, berth }) => {
  test.setTimeout(90_000);
  // The big layer stops after 1 MB and hangs until the pull is cancelled.
  proxy.plan = (req) => (req.url.endsWith(sha256(BIG)) ? { kind: 'cut', afterBytes: 1024 * 1024, stall: true } : undefined);
  const reference = `${proxy.host}/test/app:1`;
  try {
    await openImages(page, berth.url, SEED.rows);
    await page.getByRole('button', { name: 'Pull…' }).click();
    await imageField(page).fill(reference);
    await pullDialog(page).getByRole('button', { name: 'Pull', exact: true }).click();
    const layers = pullDialog(page).getByRole('list', { name: `Layers of Pull ${reference}` });
    await expect(layers.getByRole('listitem', { name: `Layer ${shortHex(app.layers[1]!.digest)}: Downloading 50%` })).toBeVisible({ timeout: 15_000 });
    await expect(layers.getByRole('listitem', { name: `Layer ${shortHex(app.layers[0]!.digest)}: Download complete` })).toBeVisible();
    await expect(pullDialog(page).getByRole('progressbar', { name: 'Pull progress' })).toHaveAttribute('aria-valuenow', /^[1-9]\d?$/);
    await shots(page, '80-pull-dialog-progress');

    await pullDialog(page).getByRole('button', { name: 'Cancel pull' }).click();
    await expect(pullDialog(page).getByRole('status')).toContainText('Cancelled.');
    await expect(pullDialog(page).getByRole('alert')).toHaveCount(0);
    await expect(dataRows(page)).toHaveCount(SEED.rows);
    await expect(row(page, reference)).toHaveCount(0);
    await shots(page, '84-pull-cancelled');

    // Pull again: the big layer resumes where the cancel left it (asked for with Range, shown from 50 %), stalls
    // once more at 62 %, and a third pull completes it without fetching a byte twice.
    proxy.requests.length = 0;
    proxy.plan = (req) => (req.url.endsWith(sha256(BIG)) ? { kind: 'cut', afterBytes: 256 * 1024, stall: true } : undefined);
    await pullDialog(page).getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(layers.getByRole('listitem', { name: `Layer ${shortHex(app.layers[1]!.digest)}: Downloading 62%` })).toBeVisible({ timeout: 15_000 });
    const bigGets = () => proxy.requests.filter((r) => r.method === 'GET' && r.url.endsWith(sha256(BIG)));
    expect(bigGets().map((r) => r.headers.range)).toEqual([`bytes=${1024 * 1024}-`]);
    await shots(page, '78-pull-resumed-progress');

    await pullDialog(page).getByRole('button', { name: 'Cancel pull' }).click();
    await expect(pullDialog(page).getByRole('status')).toContainText('pulling again resumes');
    proxy.requests.length = 0;
    proxy.plan = null;
    await pullDialog(page).getByRole('button', { name: 'Pull', exact: true }).click();
    await expect(pullDialog(page)).toBeHidden({ timeout: 20_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Downloaded newer image' })).toContainText(reference);
    await expect(row(page, reference)).toContainText(shortHex(app.config.digest));
    const resumedFrom = 1024 * 1024 + 256 * 1024;
    expect(bigGets().map((r) => [r.headers.range, r.bytes])).toEqual([[`bytes=${resumedFrom}-`, BIG.length - resumedFrom]]);

    // Tasks tells the story: two cancelled pulls, then the one that finished.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
    await expect(page.getByRole('list', { name: `Layers of Pull ${reference}` }).first()
      .getByRole('listitem', { name: `Layer ${shortHex(app.layers[1]!.digest)}: Download complete` })).toBeVisible();
    await shots(page, '79-pull-resumed-done');
  } finally {
    proxy.plan = null;
  }
});
