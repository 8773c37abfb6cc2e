// The Engine page and the commit form against a private dockerd (vfs, no network; tests skip without root): the
// engine's containers and images, Commit… of a container, Copy to Berth, New image from… an image with a folder
// added, Send to Engine; and the one plain line when no engine answers. Screenshots 120–124 in light and dark.
import type { Page } from '@playwright/test';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { canStartDockerd, startDockerd, type Dockerd } from '../electron/core/testing/dockerd.js';
import { findPeer } from '../electron/core/testing/peers.mjs';
import { shellRootfsEntries } from '../electron/core/testing/shell-rootfs.js';
import { makeRootfsTar } from '../electron/core/testing/tarball.mjs';
import { berth, repoRoot, serve, type Served } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { row } from './support/images-page.js';

const SHOTS = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;
const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;

async function shot(page: Page, theme: string, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(SHOTS, `${theme}-${name}.png`) });
}

async function openEngine(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Engine' }).click();
  await expect(page.getByRole('heading', { name: 'Engine', level: 1 })).toBeVisible();
}

test.describe('no engine', () => {
  let work: string;
  let served: Served;
  test.beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-noengine-'));
    served = await serve(path.join(work, 'store'), {
      config: path.join(work, 'config', 'settings.json'),
      env: { DOCKER_HOST: `unix://${path.join(work, 'absent.sock')}` },
    });
  });
  test.afterAll(async () => {
    await served?.stop();
    await rm(work, { recursive: true, force: true });
  });

  test('says once, plainly, that no engine answers; the rest of Berth works', async ({ page }) => {
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await openEngine(page, served.url);
      const line = page.getByRole('status').filter({ hasText: 'Cannot connect to the Docker daemon' });
      await expect(line).toHaveText(`Cannot connect to the Docker daemon at unix://${path.join(work, 'absent.sock')}. Is the docker daemon running?`);
      await expect(page.getByRole('table')).toHaveCount(0);
      await expect(page.getByText('Cannot connect to the Docker daemon')).toHaveCount(1);
      await shot(page, theme, '120-engine-unreachable');
    }
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Images' }).click();
    await expect(page).toHaveTitle('Images — Berth');
    await expect(page.getByText('Cannot connect to the Docker daemon')).toHaveCount(0);
  });
});

test.describe('with a private dockerd', () => {
  test.skip(!available, 'dockerd/docker missing or not running as root');
  let dockerd: Dockerd;
  let work: string;
  let store: string;
  let served: Served;
  let folder: string;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    dockerd = await startDockerd();
    work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-engine-'));
    store = path.join(work, 'store');
    const rootfs = path.join(work, 'rootfs.tar');
    await writeFile(rootfs, await makeRootfsTar(shellRootfsEntries(['/bin/cat'])));
    await berth(store, ['import', '-c', 'CMD ["/bin/sh"]', rootfs, 'shell:1']);
    const archive = path.join(work, 'shell.tar');
    await berth(store, ['save', '-o', archive, 'shell:1']);
    await dockerd.dockerOk(['load', '-i', archive]);
    await dockerd.dockerOk(['run', '--network', 'none', '--name', 'writer', 'shell:1', '/bin/sh', '-c', 'echo written in the engine > /written']);
    folder = path.join(work, 'site');
    await mkdir(folder);
    await writeFile(path.join(folder, 'index.html'), '<h1>added by New image from…</h1>\n');
    await chmod(folder, 0o755);
    served = await serve(store, { config: path.join(work, 'config', 'settings.json'), env: { ...dockerd.env } });
  });
  test.afterAll(async () => {
    await served?.stop();
    await dockerd?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('lists the engine, and the commit forms look right in light and dark', async ({ page }) => {
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await openEngine(page, served.url);
      await expect(page.getByText(/Docker Engine \d/)).toBeVisible();
      const containers = page.getByRole('table', { name: 'Engine containers' });
      await expect(containers.getByRole('row', { name: 'writer' })).toContainText('shell:1');
      await expect(page.getByRole('table', { name: 'Engine images' }).getByRole('row', { name: 'shell:1' })).toBeVisible();
      await shot(page, theme, '121-engine');

      await containers.getByRole('row', { name: 'writer' }).getByRole('button', { name: 'Commit…' }).click();
      const dialog = page.getByRole('dialog', { name: 'Commit container writer' });
      await dialog.getByLabel('Name').fill('committed:1');
      await dialog.getByLabel('Changes').fill('CMD ["/bin/cat", "/written"]\nRUN rm -rf /');
      await expect(dialog.getByText('Line 2: run is not a valid change command')).toBeVisible();
      await expect(dialog.getByRole('button', { name: 'Commit', exact: true })).toBeDisabled();
      await shot(page, theme, '122-commit-container');
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Images' }).click();
      await row(page, 'shell:1').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'New image from…' }).click();
      const form = page.getByRole('dialog', { name: 'New image from shell:1' });
      await form.getByLabel('Name').fill('site:1');
      await form.getByRole('textbox', { name: 'Folder or tarball 1' }).fill(folder);
      await form.getByRole('textbox', { name: 'Destination in the image 1' }).fill('/srv/site');
      await form.getByLabel('Changes').fill('CMD ["/bin/cat", "/srv/site/index.html"]');
      await form.getByLabel('Author').fill('Jane Doe <jane@example.com>');
      await shot(page, theme, '123-new-image');
      await form.getByRole('button', { name: 'Cancel' }).click();
    }
  });

  test('commits a container, makes a new image from a folder, copies and sends images both ways', async ({ page }) => {
    test.setTimeout(120_000);
    await openEngine(page, served.url);
    await page.getByRole('table', { name: 'Engine containers' }).getByRole('row', { name: 'writer' }).getByRole('button', { name: 'Commit…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Commit container writer' });
    await dialog.getByLabel('Name').fill('committed:1');
    await dialog.getByLabel('Changes').fill('CMD ["/bin/cat", "/written"]');
    await dialog.getByLabel('Message').fill('from the app');
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect(dialog).toHaveCount(0, { timeout: 30_000 });
    const engineId = (await dockerd.dockerOk(['inspect', '-f', '{{.Id}}', 'committed:1'])).trim();
    expect(await berth(store, ['images', '--no-trunc', '--format', '{{.ID}}', 'committed'])).toBe(`${engineId}\n`);

    // New image from… with a folder, then Send to Engine: docker runs what Berth made.
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Images' }).click();
    await row(page, 'shell:1').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'New image from…' }).click();
    const form = page.getByRole('dialog', { name: 'New image from shell:1' });
    await form.getByLabel('Name').fill('site:1');
    await form.getByRole('textbox', { name: 'Folder or tarball 1' }).fill(folder);
    await form.getByRole('textbox', { name: 'Destination in the image 1' }).fill('/srv/site');
    await form.getByLabel('Changes').fill('CMD ["/bin/cat", "/srv/site/index.html"]');
    await form.getByRole('button', { name: 'Create image' }).click();
    await expect(form).toHaveCount(0, { timeout: 30_000 });
    await expect(row(page, 'site:1')).toBeVisible();
    await row(page, 'site:1').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Send to Engine' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'to the engine finished' })).toBeVisible({ timeout: 30_000 });
    expect(await dockerd.dockerOk(['run', '--rm', '--network', 'none', 'site:1'])).toBe('<h1>added by New image from…</h1>\n');

    // A tarball dropped into the form becomes one more layer.
    await row(page, 'site:1').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'New image from…' }).click();
    const dropForm = page.getByRole('dialog', { name: 'New image from site:1' });
    await dropForm.getByLabel('Name').fill('dropped:1');
    const tar = await makeRootfsTar({ 'etc/dropped': 'from a drop\n' });
    await dropForm.getByText('Drop a tarball here, or').evaluate((zone, base64) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], 'dropped.tar', { type: 'application/x-tar' }));
      for (const type of ['dragenter', 'dragover', 'drop']) zone.parentElement!.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, tar.toString('base64'));
    await expect(dropForm.getByLabel('Dropped tarball')).toContainText('dropped.tar');
    await expect(page.getByText('Drop tarballs to load or import')).toHaveCount(0);
    await dropForm.getByRole('button', { name: 'Create image' }).click();
    await expect(dropForm).toHaveCount(0, { timeout: 30_000 });
    const layers = JSON.parse(await berth(store, ['inspect', '-f', '{{json .RootFS.Layers}}', 'dropped:1'])) as string[];
    expect(layers).toHaveLength(3);

    // Copy to Berth: an image only the engine has arrives with its ID.
    await dockerd.dockerOk(['tag', 'shell:1', 'engine-only:1']);
    await openEngine(page, served.url);
    await page.getByRole('button', { name: 'Copy engine-only:1 to Berth' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Copy engine-only:1 to Berth finished' })).toBeVisible({ timeout: 30_000 });
    const shellId = (await dockerd.dockerOk(['inspect', '-f', '{{.Id}}', 'engine-only:1'])).trim();
    expect(await berth(store, ['images', '--no-trunc', '--format', '{{.ID}}', 'engine-only'])).toBe(`${shellId}\n`);
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
    await expect(page.getByText('Commit container writer as docker.io/library/committed:1')).toBeVisible();
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
      await shot(page, theme, '124-engine-tasks');
    }
  });
});
