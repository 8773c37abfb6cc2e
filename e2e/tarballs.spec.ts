// Image archives in and out of the window: a drop tells an image archive (loaded, with progress, revealed) from a
// root filesystem (the import dialog); a hostile archive fails in plain words and changes nothing; Save… downloads
// one tarball that `berth load` reads back into another store with the same image IDs and tags.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeRootfsTar, type RootfsEntry } from '../electron/core/testing/tarball.mjs';
import { legacyArchiveEntries, ociArchiveEntries, testImage } from '../electron/core/tarball/test-support/archives.js';
import { berth, repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';
import { rootfs } from './support/tar.js';

const SHOTS = path.join(repoRoot, 'e2e-screenshots');

/** Fires dragenter/dragover (and drop) on the window with real Files, as a user's drop of several files does. */
async function dropFiles(page: Page, files: Array<{ name: string; bytes: Uint8Array }>, phase: 'enter' | 'drop'): Promise<void> {
  await page.evaluate(
    ({ files, phase }) => {
      const transfer = new DataTransfer();
      for (const { name, base64 } of files) transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'application/x-tar' }));
      const fire = (type: string) => document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      if (phase === 'enter') {
        fire('dragenter');
        fire('dragover');
      } else {
        fire('drop');
      }
    },
    { files: files.map(({ name, bytes }) => ({ name, base64: Buffer.from(bytes).toString('base64') })), phase },
  );
}

/** A docker-archive (Docker before 25) of one image with a layer of `bytes` incompressible bytes. */
async function dockerArchive(tags: string[], bytes = 4_000_000): Promise<{ tar: Buffer; id: string }> {
  const filler = new Uint8Array(bytes);
  let x = tags.join().length * 2654435761;
  for (let i = 0; i < filler.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    filler[i] = x >>> 24;
  }
  const layer = await makeRootfsTar([{ path: 'data', type: 'directory' }, { path: 'data/blob.bin', content: filler }]);
  const image = await testImage([layer, await makeRootfsTar({ [`etc/${tags[0]!.replace(/\W/g, '-')}`]: 'hi\n' })]);
  return { tar: await makeRootfsTar(legacyArchiveEntries([{ image, tags }])), id: `sha256:${image.configHex}` };
}

/** The IDs a store has for each tag, by `berth images`. */
async function idsByTag(store: string): Promise<Record<string, string>> {
  const out = await berth(store, ['images', '--no-trunc', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
  return Object.fromEntries(out.trim().split('\n').filter(Boolean).map((line) => line.split(' ') as [string, string]));
}

test('dropping a docker-archive loads it with progress in Tasks and shows the loaded image', async ({ page, berth: served }) => {
  await openImages(page, served.url, SEED.rows);
  const { tar, id } = await dockerArchive(['dropped/loaded:1.0']);
  await dropFiles(page, [{ name: 'loaded.tar', bytes: tar }], 'enter');
  await expect(page.getByText('Drop tarballs to load or import')).toBeVisible();
  await dropFiles(page, [{ name: 'loaded.tar', bytes: tar }], 'drop');
  // Said before anything is written.
  await expect(page.getByRole('status').filter({ hasText: 'loaded.tar is an image archive: loading it' })).toBeVisible();
  // Revealed: the row is there, selected and open in the detail pane.
  const loaded = row(page, 'dropped/loaded:1.0');
  await expect(loaded).toBeVisible({ timeout: 20_000 });
  await expect(loaded).toHaveAttribute('aria-selected', 'true');
  await expect(dataRows(page)).toHaveCount(SEED.rows + 1);
  expect((await idsByTag(served.store))['dropped/loaded:1.0']).toBe(id);
  await expect(page.getByRole('status').filter({ hasText: 'Load loaded.tar finished' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
  const task = page.getByRole('listitem').filter({ hasText: 'Load loaded.tar' }).first();
  await expect(task).toContainText('Done');
  await expect(task.getByRole('progressbar').first()).toHaveAttribute('aria-valuenow', '100');
});

test('several archives in one drop all load; a root filesystem among them opens the import dialog', async ({ page, berth: served }) => {
  await openImages(page, served.url, SEED.rows);
  const a = await dockerArchive(['multi/a:1'], 10_000);
  const image = await testImage();
  const oci = await makeRootfsTar(ociArchiveEntries([{ image, tags: ['docker.io/multi/b:2'] }], { withManifestJson: true }));
  await dropFiles(page, [{ name: 'a.tar', bytes: a.tar }, { name: 'rootfs.tar', bytes: await rootfs('dropped-fs') }, { name: 'b.tar', bytes: oci }], 'drop');
  const dialog = page.getByRole('dialog', { name: 'Import rootfs.tar' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('becomes a one-layer image');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, 'multi/a:1')).toBeVisible({ timeout: 20_000 });
  await expect(row(page, 'multi/b:2')).toBeVisible();
  const ids = await idsByTag(served.store);
  expect(ids['multi/a:1']).toBe(a.id);
  expect(ids['multi/b:2']).toBe(`sha256:${image.configHex}`);
});

test('a hostile archive fails with the core\'s words and leaves the list as it was', async ({ page, berth: served }) => {
  await openImages(page, served.url, SEED.rows);
  const before = await idsByTag(served.store);
  const image = await testImage();
  // manifest.json names a layer the archive does not have.
  const entries: RootfsEntry[] = legacyArchiveEntries([{ image, tags: ['hostile:1'] }]).map((entry) =>
    entry.path === 'manifest.json' ? { ...entry, content: JSON.stringify([{ Config: `${image.configHex}.json`, RepoTags: ['hostile:1'], Layers: ['../../etc/passwd', 'missing/layer.tar'] }]) } : entry,
  );
  await dropFiles(page, [{ name: 'hostile.tar', bytes: await makeRootfsTar(entries) }], 'drop');
  const failure = page.getByRole('alert').filter({ hasText: 'Load hostile.tar failed' });
  await expect(failure).toBeVisible({ timeout: 20_000 });
  await expect(failure.locator('.toast-detail')).not.toBeEmpty();
  await expect(dataRows(page)).toHaveCount(SEED.rows);
  await expect(row(page, 'hostile:1')).toHaveCount(0);
  expect(await idsByTag(served.store)).toEqual(before);
});

test('Save… downloads one image, and several with layers kept compressed; berth load reads them back', async ({ page, berth: served }) => {
  await openImages(page, served.url, SEED.rows);
  const work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-save-'));
  try {
    const source = await idsByTag(served.store);

    // One image, from the row's own button.
    const busybox = row(page, SEED.single);
    await busybox.hover();
    await busybox.getByRole('button', { name: `Save ${SEED.single}…` }).click();
    let dialog = page.getByRole('dialog', { name: `Save ${SEED.single}` });
    await expect(dialog.getByRole('textbox', { name: 'File name' })).toHaveValue('busybox_1.36.tar');
    const [one] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save', exact: true }).click()]);
    expect(one.suggestedFilename()).toBe('busybox_1.36.tar');
    const oneFile = path.join(work, 'one.tar');
    await one.saveAs(oneFile);
    expect(await one.failure()).toBeNull();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status').filter({ hasText: `Save ${SEED.single} finished` })).toBeVisible();
    const oneStore = path.join(work, 'one-store');
    await berth(oneStore, ['load', '-i', oneFile]);
    expect(await idsByTag(oneStore)).toEqual({ [SEED.single]: source[SEED.single] });

    // Several rows, from the toolbar: the three tags of one image and another image, layers kept compressed.
    await row(page, SEED.shared[0]).click();
    for (const tag of [SEED.shared[1], SEED.shared[2], SEED.configured]) await row(page, tag).click({ modifiers: ['ControlOrMeta'] });
    await page.getByRole('button', { name: 'Save 4…' }).click();
    dialog = page.getByRole('dialog', { name: 'Save 4 tags of 2 images' });
    await expect(dialog.getByRole('textbox', { name: 'File name' })).toHaveValue('images.tar');
    await dialog.getByRole('textbox', { name: 'File name' }).fill('two images.tar');
    await dialog.getByRole('checkbox', { name: 'Keep layers compressed' }).check();
    const [two] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Save', exact: true }).click()]);
    expect(two.suggestedFilename()).toBe('two images.tar');
    const twoFile = path.join(work, 'two.tar');
    await two.saveAs(twoFile);
    await expect(dialog).toBeHidden();
    const twoStore = path.join(work, 'two-store');
    await berth(twoStore, ['load', '-i', twoFile]);
    const expected = Object.fromEntries([...SEED.shared, SEED.configured].map((tag) => [tag, source[tag]]));
    expect(await idsByTag(twoStore)).toEqual(expected);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

/** Presses on a row (which asks for a download target), starts a drag from it and reports its DownloadURL data. */
async function dragRow(page: Page, reference: string): Promise<string> {
  const asked = page.waitForResponse((response) => new URL(response.url()).pathname === '/download' && response.request().method() === 'POST');
  await row(page, reference).hover();
  await page.mouse.down();
  await asked;
  await page.waitForTimeout(200); // the page reads the answer; a hand takes longer than this to start a drag
  const data = await row(page, reference).evaluate((element) => {
    const transfer = new DataTransfer();
    element.dispatchEvent(new DragEvent('dragstart', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    (window as unknown as { lastDrag: DataTransfer }).lastDrag = transfer;
    return transfer.getData('DownloadURL');
  });
  await page.mouse.up();
  return data;
}

test('a row dragged out carries DownloadURL data for its tarball; a drag dropped nowhere cancels its save', async ({ page, berth: served }) => {
  await openImages(page, served.url, SEED.rows);
  const work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-drag-'));
  try {
    const data = await dragRow(page, SEED.single);
    const match = /^application\/x-tar:busybox_1\.36\.tar:(http:\/\/127\.0\.0\.1:\d+\/download\/[0-9a-f]{32})$/.exec(data);
    expect(match, data).not.toBeNull();
    // What the browser does on a drop onto the desktop: fetch the URL (no token: the one-use ID is the key).
    const response = await fetch(match![1]!);
    expect(response.headers.get('content-disposition')).toContain('busybox_1.36.tar');
    const file = path.join(work, 'dragged.tar');
    await import('node:fs/promises').then((fs) => response.arrayBuffer().then((bytes) => fs.writeFile(file, Buffer.from(bytes))));
    const store = path.join(work, 'store');
    await berth(store, ['load', '-i', file]);
    expect(await idsByTag(store)).toEqual({ [SEED.single]: (await idsByTag(served.store))[SEED.single] });
    await expect(page.getByRole('status').filter({ hasText: `Save ${SEED.single} finished` })).toBeVisible();
    expect((await fetch(match![1]!)).status).toBe(404); // used once

    // A drag that ends on nothing: the save it started is cancelled at once.
    expect(await dragRow(page, SEED.configured)).toContain('tools_debug_dev.tar');
    await row(page, SEED.configured).evaluate((element) => {
      element.dispatchEvent(new DragEvent('dragend', { dataTransfer: (window as unknown as { lastDrag: DataTransfer }).lastDrag, bubbles: true }));
    });
    await expect(page.getByRole('status').filter({ hasText: `Cancelled: Save ${SEED.configured}` })).toBeVisible();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`pictures of load and save (${theme})`, async ({ page, berth: served }) => {
    test.setTimeout(60_000);
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    const shot = async (name: string) => {
      await page.waitForTimeout(250);
      await page.screenshot({ path: path.join(SHOTS, `${theme}-${name}.png`) });
    };
    await openImages(page, served.url, SEED.rows);
    const { tar } = await dockerArchive(['shots/loaded:1.0'], 20_000);
    await dropFiles(page, [{ name: 'shots.tar', bytes: tar }], 'enter');
    await shot('100-drop-overlay');
    await dropFiles(page, [{ name: 'shots.tar', bytes: tar }], 'drop');
    await expect(row(page, 'shots/loaded:1.0')).toHaveAttribute('aria-selected', 'true', { timeout: 20_000 });
    await shot('101-loaded-revealed');

    await dropFiles(page, [{ name: 'rootfs.tar', bytes: await rootfs('shots-fs') }], 'drop');
    await expect(page.getByRole('dialog', { name: 'Import rootfs.tar' })).toBeVisible();
    await shot('102-rootfs-drop-imports');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await row(page, SEED.single).click({ button: 'right' });
    await expect(page.getByRole('menuitem', { name: 'Save…' })).toBeVisible();
    await shot('103-row-menu-save');
    await page.getByRole('menuitem', { name: 'Save…' }).click();
    await expect(page.getByRole('dialog', { name: `Save ${SEED.single}` })).toBeVisible();
    await shot('104-save-dialog');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await row(page, SEED.shared[0]).click();
    await row(page, SEED.configured).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: /^Save \d+…$/ }).click();
    await page.getByRole('dialog').getByRole('checkbox', { name: 'Keep layers compressed' }).check();
    await shot('105-save-dialog-many');

    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    const image = await testImage();
    const hostile = legacyArchiveEntries([{ image, tags: ['hostile:1'] }]).filter((entry) => !entry.path.endsWith('layer.tar'));
    await dropFiles(page, [{ name: 'hostile.tar', bytes: await makeRootfsTar(hostile) }], 'drop');
    await expect(page.getByRole('alert').filter({ hasText: 'Load hostile.tar failed' })).toBeVisible({ timeout: 20_000 });
    await shot('106-hostile-archive');
  });
}
