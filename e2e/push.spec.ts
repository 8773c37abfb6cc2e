// Pushing to a real registry (docker-registry on loopback, behind the fault proxy so an upload can be held): Push
// on a row; for a name without a registry the dialog tags first under a name checked as typed, then pushes with
// each layer's docker state, and can cancel; a name with a registry pushes at once; Tasks shows the push's layers.
// Screenshots 85-89 in both themes.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFaultProxy, type FaultProxy } from '../electron/core/testing/fault-proxy.js';
import { makeRootfsTar } from '../electron/core/testing/tarball.mjs';
import { startRegistry, type Registry } from '../electron/core/testing/registry.js';
import { repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';


const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;

let registry: Registry;
let proxy: FaultProxy;

test.beforeAll(async () => {
  registry = await startRegistry();
  // Upload Locations rewritten to the proxy, so every PUT goes through it (and can be held there).
  proxy = await startFaultProxy(registry.url, { rewriteLocation: true });
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

const pushDialog = (page: Page) => page.getByRole('dialog', { name: 'Push an image' });
const nameField = (page: Page) => pushDialog(page).getByRole('textbox', { name: 'New name' });

async function openPush(page: Page, reference: string): Promise<void> {
  await row(page, reference).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Push…' }).click();
  await expect(pushDialog(page)).toBeVisible();
}

test('a name without a registry: tag first (checked as typed), then push with per-layer progress; cancel; push again', async ({ page, berth }) => {
  test.setTimeout(90_000);
  // One big, barely compressible layer: held by the proxy part-way, it shows a layer mid-push.
  const tar = path.join(await mkdtemp(path.join(tmpdir(), 'berth-e2e-push-')), 'big.tar');
  await writeFile(tar, await makeRootfsTar({ 'etc/hostname': 'bigpush\n', 'usr/share/big.bin': randomBytes(24 * 1024 * 1024) }));
  await berth.cli('import', tar, 'bigpush:1');
  const target = `${proxy.host}/team/bigpush:1`;

  await openImages(page, berth.url, SEED.rows + 1);
  await openPush(page, 'bigpush:1');
  await expect(pushDialog(page).getByRole('note')).toContainText('it would go to Docker Hub as docker.io/library/bigpush');
  await expect(pushDialog(page).getByRole('checkbox', { name: 'Tag it first as another name' })).toBeChecked();
  await expect(nameField(page)).toBeFocused();
  const action = pushDialog(page).getByRole('button', { name: 'Tag and push' });
  await expect(action).toBeDisabled();
  await nameField(page).fill('Team/BigPush');
  await expect(pushDialog(page)).toContainText('must be lowercase');
  await expect(nameField(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(action).toBeDisabled();
  await shots(page, '85-push-tag-first-invalid');
  await nameField(page).fill('bigpush:2');
  await expect(pushDialog(page)).toContainText('Still Docker Hub');
  await expect(action).toBeDisabled();
  await nameField(page).fill(target);
  await expect(pushDialog(page)).toContainText(`Pushes to ${proxy.host}/team/bigpush`);
  await expect(action).toBeEnabled();
  await shots(page, '86-push-tag-first');

  proxy.plan = (req) => (req.method === 'PUT' && req.url.includes('/blobs/uploads/') && Number(req.headers['content-length']) > 1024 * 1024 ? { kind: 'hold' } : undefined);
  try {
    await action.click();
    const layers = pushDialog(page).getByRole('list', { name: `Layers of Push ${target}` });
    await expect(layers.getByRole('listitem', { name: /: Pushing \d+%$/ })).toBeVisible({ timeout: 30_000 });
    // The new name is already in the list: tagging came first.
    await expect(row(page, target)).toHaveCount(1);
    await shots(page, '87-push-progress');
    await pushDialog(page).getByRole('button', { name: 'Cancel push' }).click();
    await expect(pushDialog(page).getByRole('status')).toContainText('Cancelled.');
    await expect(pushDialog(page).getByRole('alert')).toHaveCount(0);
  } finally {
    proxy.plan = null;
  }

  // The name now already points at this image: no tag needed, the push goes through.
  await expect(pushDialog(page)).toContainText('already names this image');
  await action.click();
  await expect(pushDialog(page)).toBeHidden({ timeout: 30_000 });
  await expect(page.getByRole('status').filter({ hasText: `Pushed ${proxy.host}/team/bigpush:1` })).toBeVisible();
  await expect(dataRows(page)).toHaveCount(SEED.rows + 2);

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
  const done = page.getByRole('list', { name: `Layers of Push ${target}` }).first();
  await expect(done.getByRole('listitem', { name: /: Pushed$/ })).toBeVisible();
  await shots(page, '88-push-task-layers');
});

test('a name with a registry pushes at once from its row; a second push finds the layer there', async ({ page, berth }) => {
  const target = `${registry.host}/user/busybox:1.36`;
  await berth.cli('tag', SEED.single, target);
  await openImages(page, berth.url, SEED.rows + 1);
  await openPush(page, target);
  await expect(pushDialog(page).getByRole('note')).toHaveCount(0);
  await expect(pushDialog(page).getByRole('checkbox', { name: 'Tag it first as another name' })).not.toBeChecked();
  await expect(pushDialog(page)).toContainText(`Pushes to ${registry.host}/user/busybox`);
  await shots(page, '89-push-registry-name');
  await pushDialog(page).getByRole('button', { name: 'Push', exact: true }).click();
  await expect(pushDialog(page)).toBeHidden({ timeout: 20_000 });
  await expect(page.getByRole('status').filter({ hasText: `Pushed ${target}` })).toBeVisible();

  // Again, from the hover button: "Layer already exists", seen in Tasks.
  await row(page, target).hover();
  await row(page, target).getByRole('button', { name: `Push ${target}…` }).click();
  await pushDialog(page).getByRole('button', { name: 'Push', exact: true }).click();
  await expect(pushDialog(page)).toBeHidden({ timeout: 20_000 });
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
  await expect(page.getByRole('list', { name: `Layers of Push ${target}` }).first().getByRole('listitem', { name: /: Layer already exists$/ })).toBeVisible();
});
