// The Files tab (issue 13, item 2): a layered image's merged filesystem as a lazily listed, virtualised tree with
// the keyboard, one layer's changes with dive's A/M/D marks, search, a text preview, the binary and too-large
// notices, the layer that wrote a path, and Save… of a file (a download in the browser shell).
/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeRootfsTar, type RootfsEntry } from '../electron/core/testing/tarball.mjs';
import { legacyArchiveEntries, type TestImage } from '../electron/core/tarball/test-support/archives.js';
import { repoRoot } from './support/cli.js';
import { expect, test, type BerthFixture } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const NAME = 'files/demo:1';
const WIDE = 2_000;

const OS_RELEASE = 'NAME="Berth Files"\nID=berth-files\nVERSION_ID=1.0\n';
const APP_CONF = 'listen 8080;\nroot /srv;\n# served by the demo\n';
/** Bytes with NULs: the preview says binary. */
const BINARY = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 256));
/** Text over the 512 KiB preview limit. */
const WORDS = 'container\nimage\nlayer\n'.repeat(30_000);

const LAYERS: Array<{ createdBy: string; entries: RootfsEntry[] }> = [
  {
    createdBy: '/bin/sh -c #(nop) ADD file:4f8e2a in / ',
    entries: [
      { path: 'bin', type: 'directory', mode: 0o755 },
      { path: 'bin/sh', content: BINARY, mode: 0o755 },
      { path: 'etc', type: 'directory', mode: 0o755 },
      { path: 'etc/os-release', content: OS_RELEASE },
      { path: 'etc/hosts', content: '127.0.0.1 localhost\n' },
      { path: 'tmp', type: 'directory', mode: 0o1777 },
      { path: 'usr', type: 'directory' },
      { path: 'usr/bin', type: 'directory' },
      { path: 'usr/bin/su', content: 'not really su\n', mode: 0o4755 },
      { path: 'usr/lib', type: 'directory' },
      { path: 'usr/lib/libdemo.so.1', content: BINARY },
      { path: 'usr/lib/libdemo.so', type: 'symlink', target: 'libdemo.so.1' },
      { path: 'usr/share', type: 'directory' },
      { path: 'usr/share/words', content: WORDS },
      { path: 'var', type: 'directory' },
      { path: 'var/log', type: 'directory' },
      { path: 'var/log/old.log', content: 'an old log line\n', uid: 100, gid: 101 },
      { path: 'wide', type: 'directory' },
      ...Array.from({ length: WIDE }, (_, i) => ({ path: `wide/file-${String(i).padStart(4, '0')}.txt`, content: `${i}\n` })),
    ],
  },
  {
    createdBy: '/bin/sh -c apk add --no-cache demo && rm /var/log/old.log',
    entries: [
      { path: 'etc/app.conf', content: APP_CONF },
      { path: 'etc/hosts', content: '127.0.0.1 localhost demo\n' },
      { path: 'var/log/.wh.old.log', content: '' },
    ],
  },
  { createdBy: 'COPY site /srv # buildkit', entries: [{ path: 'srv', type: 'directory' }, { path: 'srv/index.html', content: '<h1>hi</h1>\n' }] },
];

/** Loads a three-layer image, as `docker save` writes one, with its Dockerfile steps in the history. */
async function seedLayered(berth: BerthFixture): Promise<void> {
  const layers = await Promise.all(LAYERS.map((layer) => makeRootfsTar(layer.entries)));
  const diffIds = layers.map((layer) => `sha256:${createHash('sha256').update(layer).digest('hex')}`);
  const config = Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', created: '2024-01-02T03:04:05Z',
    config: { Cmd: ['/bin/sh'] }, rootfs: { type: 'layers', diff_ids: diffIds },
    history: LAYERS.map((layer) => ({ created: '2024-01-02T03:04:05Z', created_by: layer.createdBy })),
  }));
  const image: TestImage = { layers, config, configHex: createHash('sha256').update(config).digest('hex'), diffIds };
  const archive = path.join(path.dirname(berth.store), 'layered.tar');
  await writeFile(archive, await makeRootfsTar(legacyArchiveEntries([{ image, tags: [NAME] }])));
  await berth.cli('load', '-i', archive);
}

async function openFiles(page: Page, berth: BerthFixture): Promise<Locator> {
  await seedLayered(berth);
  await openImages(page, berth.url, 1);
  await row(page, NAME).dblclick();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await pane.getByRole('tab', { name: 'Files' }).click();
  await expect(tree(pane).getByRole('treeitem').first()).toBeVisible({ timeout: 20_000 });
  return pane;
}

const tree = (pane: Locator) => pane.getByRole('tree');
const item = (pane: Locator, name: string) => tree(pane).getByRole('treeitem').filter({ has: pane.page().locator('.file-name', { hasText: new RegExp(`^${name}`) }) });
const rootNames = (pane: Locator) => tree(pane).locator('[aria-level="1"] .file-name').allInnerTexts();

async function shot(page: Page, theme: string, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
}

test.use({ seeded: false });

test('the merged tree: first level, lazy folders with sizes, ls -l modes, links, and the keyboard', async ({ page, berth }) => {
  // Every folder listing the page asks for, as it goes over the socket.
  const listings: string[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const request = typeof payload === 'string' ? (JSON.parse(payload) as { method?: string; args?: unknown[] }) : {};
      if (request.method === 'imageFiles') listings.push(JSON.stringify(request.args?.[1] ?? {}));
    }),
  );
  const pane = await openFiles(page, berth);
  expect(await rootNames(pane)).toEqual(['bin', 'etc', 'srv', 'tmp', 'usr', 'var', 'wide']);
  // The first level came from one listing: nothing below a closed folder was asked for.
  expect(listings).toEqual(['{"path":"/"}']);
  await expect(pane.getByText(/entries · .* · the image as a container sees it/)).toBeVisible();
  // The removed log is gone from the image; its folder stays.
  await expect(item(pane, 'tmp').locator('.file-mode')).toHaveText('drwxrwxrwt');

  // The mouse: the triangle opens a folder, listed only now.
  await item(pane, 'usr').locator('.disclosure').click();
  await expect(item(pane, 'usr')).toHaveAttribute('aria-expanded', 'true');
  await item(pane, 'bin').nth(1).locator('.disclosure').click(); // usr/bin (the root's bin is the first)
  await expect(item(pane, 'su').locator('.file-mode')).toHaveText('-rwsr-xr-x');
  await item(pane, 'lib').locator('.disclosure').click();
  await expect(item(pane, 'libdemo.so ').or(item(pane, 'libdemo.so →'))).toContainText('libdemo.so → libdemo.so.1');
  await expect(item(pane, 'libdemo.so.1').locator('.file-size')).toHaveText('4.1kB');
  expect(listings).toEqual(['{"path":"/"}', '{"path":"/usr"}', '{"path":"/usr/bin"}', '{"path":"/usr/lib"}']);
  // Closing and reopening does not ask again.
  const asked = listings.length;
  await item(pane, 'usr').locator('.disclosure').click();
  await expect(item(pane, 'su')).toHaveCount(0);
  await item(pane, 'usr').locator('.disclosure').click();
  await expect(item(pane, 'su')).toBeVisible();
  expect(listings.length).toBe(asked);

  // The keyboard goes on from a row the mouse opened.
  await page.keyboard.press('ArrowDown');
  await expect(item(pane, 'bin').nth(1)).toBeFocused();

  // The keyboard: Home, Down, Right opens, Right steps in, Left steps out, Left closes, Enter selects.
  await item(pane, 'bin').first().click();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await expect(item(pane, 'etc')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(item(pane, 'etc')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(item(pane, 'app.conf')).toBeFocused();
  await expect(item(pane, 'app.conf')).toHaveAttribute('aria-level', '2');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(item(pane, 'hosts')).toHaveAttribute('aria-selected', 'true');
  const details = pane.getByRole('region', { name: 'Selected path' });
  await expect(details.getByText('/etc/hosts', { exact: true })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await expect(item(pane, 'etc')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(item(pane, 'etc')).toHaveAttribute('aria-expanded', 'false');
  await expect(item(pane, 'hosts')).toHaveCount(0);
  // Type-ahead: letters go to the next name starting with them.
  await page.keyboard.type('va');
  await expect(item(pane, 'var')).toBeFocused();

  // A folder of 2,000 files: every one is a row, only those in view are in the page.
  await item(pane, 'wide').locator('.disclosure').click();
  await expect(item(pane, 'file-0000.txt')).toBeVisible();
  await expect(tree(pane).getByRole('treeitem').first()).toHaveAttribute('aria-setsize', '7');
  expect(await tree(pane).getByRole('treeitem').count()).toBeLessThan(120);
  await item(pane, 'file-0000.txt').click();
  await page.keyboard.press('End');
  await expect(item(pane, 'file-1999.txt')).toBeFocused();
  await expect(item(pane, 'file-1999.txt')).toHaveAttribute('aria-posinset', String(WIDE));
});

test('a layer’s view marks what it added, modified and removed; the layer that wrote a path opens its view', async ({ page, berth }) => {
  const pane = await openFiles(page, berth);
  const view = pane.getByRole('combobox', { name: 'View' });
  await expect(view.locator('option')).toHaveText([
    'Merged (the image)',
    /^#1 {2}ADD file:4f8e2a in \/ \(.*, \+\d+ ~0 −0\)$/,
    /^#2 {2}RUN apk add --no-cache demo && rm \/var\/log\/old\.log \(.*, \+1 ~\d+ −1\)$/,
    /^#3 {2}COPY site \/srv # buildkit \(.*, \+2 ~0 −0\)$/,
  ]);
  await view.selectOption({ index: 2 });
  await expect(pane.getByText(/^Only the changes of layer #2: 1 added, \d+ modified, 1 removed/)).toBeVisible();
  expect(await rootNames(pane)).toEqual(['etc', 'var']);
  await item(pane, 'etc').locator('.disclosure').click();
  await expect(item(pane, 'app.conf').locator('.change-mark')).toHaveText('A added');
  await expect(item(pane, 'hosts').locator('.change-mark')).toHaveText('M modified');
  await item(pane, 'var').locator('.disclosure').click();
  await item(pane, 'log').locator('.disclosure').click();
  const removed = item(pane, 'old.log');
  await expect(removed.locator('.change-mark')).toHaveText('D removed');
  await expect(removed.locator('.file-name')).toHaveCSS('text-decoration-line', 'line-through');
  await removed.click();
  const details = pane.getByRole('region', { name: 'Selected path' });
  await expect(details.locator('.file-facts')).toContainText('File · removed');
  await expect(details.locator('.file-facts')).toContainText('#2 RUN apk add --no-cache demo');
  await expect(details.getByRole('button', { name: /^Save/ })).toBeDisabled();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await shot(page, theme, '126-files-layer');
  }

  // Back in the image, /etc/hosts names layer #2 as its writer: that button opens layer #2 with hosts selected.
  await view.selectOption('merged');
  await item(pane, 'etc').locator('.disclosure').click();
  await item(pane, 'hosts').click();
  await details.getByRole('button', { name: /^#2 RUN apk add/ }).click();
  await expect(view).toHaveValue('1');
  await expect(item(pane, 'hosts')).toHaveAttribute('aria-selected', 'true');
  await expect(item(pane, 'hosts')).toBeFocused();
});

test('search by fragment or glob, then a match shown in the tree; text preview, binary and too-large notices', async ({ page, berth }) => {
  const pane = await openFiles(page, berth);
  const search = pane.getByRole('searchbox', { name: 'Search files' });
  const results = pane.getByRole('listbox', { name: 'Search results' });
  // Ctrl+F from inside the tab finds in the tab, not in the image list.
  await item(pane, 'etc').click();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(search).toBeFocused();
  await search.fill('*.conf');
  await expect(results.getByRole('option')).toHaveCount(1);
  await expect(results.getByRole('option')).toContainText('app.conf');
  await expect(pane.getByRole('status').filter({ hasText: '1 match' })).toBeVisible();

  await search.fill('file-19');
  await expect(pane.getByText(/^100 matches$/)).toBeVisible();
  await search.fill('/wide/**');
  await expect(pane.getByText('The first 500 matches: there are more, narrow the search')).toBeVisible();

  await search.fill('os-rel');
  await expect(results.getByRole('option', { name: '/etc/os-release' })).toHaveCount(1);
  await expect(results.getByRole('option')).toHaveCount(1);
  await search.press('ArrowDown');
  await expect(results.getByRole('option').first()).toBeFocused();
  await page.keyboard.press('Enter');
  const details = pane.getByRole('region', { name: 'Selected path' });
  await details.getByRole('button', { name: 'Show in tree' }).click();
  await expect(search).toHaveValue('');
  await expect(item(pane, 'os-release')).toHaveAttribute('aria-selected', 'true');
  await expect(item(pane, 'etc')).toHaveAttribute('aria-expanded', 'true');
  await expect(item(pane, 'os-release')).toBeFocused();
  // Typing a search and clearing it again leaves focus in the box: the tree does not jump to the shown path again.
  await search.fill('x');
  await search.press('Backspace');
  await expect(item(pane, 'os-release')).toBeVisible();
  await expect(search).toBeFocused();

  // The preview is the file's text, as text: numbered lines, nothing rendered.
  const preview = details.getByRole('region', { name: 'File preview' });
  await expect(preview.locator('.file-preview-text')).toHaveText(OS_RELEASE);
  await expect(preview.locator('.file-preview-lines')).toHaveText('1\n2\n3');
  await expect(details.getByText('-rw-r--r--')).toBeVisible();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await shot(page, theme, '127-files-preview');
  }

  // Switching the view keeps the search and asks it of the other view: only layer #1's changes match now.
  await search.fill('hosts');
  await expect(results.getByRole('option')).toHaveCount(1);
  await pane.getByRole('combobox', { name: 'View' }).selectOption({ index: 1 });
  await expect(search).toHaveValue('hosts');
  await expect(results.getByRole('option', { name: '/etc/hosts (A)' })).toHaveCount(1);
  await pane.getByRole('combobox', { name: 'View' }).selectOption('merged');

  await search.fill('index.html');
  await results.getByRole('option').first().click();
  await expect(details.locator('.file-preview-text')).toHaveText('<h1>hi</h1>\n');
  await expect(details.locator('h1')).toHaveCount(0);

  await search.fill('/bin/sh');
  await results.getByRole('option').first().click();
  await expect(details.getByText('Binary file — 4,096 bytes')).toBeVisible();
  await search.fill('words');
  await results.getByRole('option').first().click();
  await expect(details.getByText('Too large to preview (limit 512KiB)')).toBeVisible();
  await search.fill('libdemo.so');
  await results.getByRole('option', { name: '/usr/lib/libdemo.so', exact: true }).click();
  await expect(details.getByText('libdemo.so.1', { exact: true })).toBeVisible();
  await expect(details.getByText('Binary file')).toBeVisible();
});

test('screenshots of the tree, wide and at 900x600', async ({ page, berth }) => {
  const pane = await openFiles(page, berth);
  await item(pane, 'etc').locator('.disclosure').click();
  await item(pane, 'usr').locator('.disclosure').click();
  await item(pane, 'lib').locator('.disclosure').click();
  await item(pane, 'hosts').click();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await shot(page, theme, '125-files-tree');
  }
  await page.setViewportSize({ width: 900, height: 600 });
  await item(pane, 'os-release').click();
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await shot(page, theme, '128-files-narrow');
  }
});

test('an image without files says so; a listing that fails shows why, with Retry', async ({ page, berth }) => {
  const empty = path.join(path.dirname(berth.store), 'empty.tar');
  await writeFile(empty, await makeRootfsTar([]));
  await berth.cli('import', empty, 'files/empty:1');
  await seedLayered(berth);
  // The layered image's biggest layer goes missing from the store.
  const blobs = path.join(berth.store, 'blobs', 'sha256');
  const sized = await Promise.all((await readdir(blobs)).map(async (name) => ({ name, size: (await stat(path.join(blobs, name))).size })));
  await rm(path.join(blobs, sized.sort((a, b) => b.size - a.size)[0]!.name));

  await openImages(page, berth.url, 2);
  await row(page, 'files/empty:1').dblclick();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await pane.getByRole('tab', { name: 'Files' }).click();
  await expect(pane.getByText('This image has no files.')).toBeVisible();

  await row(page, NAME).click();
  await expect(pane.getByRole('heading', { name: NAME })).toBeVisible();
  const failure = pane.getByRole('alert').filter({ hasText: 'Could not list the files:' });
  await expect(failure).toBeVisible({ timeout: 20_000 });
  await expect(failure).not.toHaveText('Could not list the files: ');
  await failure.getByRole('button', { name: 'Retry' }).click();
  await expect(failure).toBeVisible();
});

/** Presses on a tree row (which asks for a download target), starts a drag from it and reports its DownloadURL data. */
async function dragItem(page: Page, target: Locator): Promise<string> {
  const asked = page.waitForResponse((response) => new URL(response.url()).pathname === '/download' && response.request().method() === 'POST');
  await target.hover();
  await page.mouse.down();
  await asked;
  await page.waitForTimeout(200); // the page reads the answer; a hand takes longer than this to start a drag
  const data = await target.evaluate((element) => {
    const transfer = new DataTransfer();
    element.dispatchEvent(new DragEvent('dragstart', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    return transfer.getData('DownloadURL');
  });
  await page.mouse.up();
  return data;
}

const DOWNLOAD_URL = /^application\/octet-stream:app\.conf:(http:\/\/127\.0\.0\.1:\d+\/download\/[0-9a-f]{32})$/;

test('a file dragged out of the tree carries DownloadURL data for it; a folder goes as a tar', async ({ page, berth }) => {
  const pane = await openFiles(page, berth);
  await item(pane, 'etc').locator('.disclosure').click();
  expect(await dragItem(page, item(pane, 'app.conf'))).toMatch(DOWNLOAD_URL);
  expect(await dragItem(page, item(pane, 'etc'))).toMatch(/^application\/x-tar:etc\.tar:http:/);
  await expect(item(pane, 'app.conf')).toHaveAttribute('draggable', 'true');
});

// The export itself: operations/export-files.ts writes the file's bytes to the browser shell's download.
test('Save… of a file downloads its bytes in the browser shell, and so does a drag', async ({ page, berth }) => {
  const pane = await openFiles(page, berth);
  await item(pane, 'etc').locator('.disclosure').click();
  await item(pane, 'app.conf').click();
  const details = pane.getByRole('region', { name: 'Selected path' });
  const [download] = await Promise.all([page.waitForEvent('download'), details.getByRole('button', { name: 'Save /etc/app.conf' }).click()]);
  expect(download.suggestedFilename()).toBe('app.conf');
  expect(await readFile((await download.path())!, 'utf8')).toBe(APP_CONF);
  await expect(page.getByRole('status').filter({ hasText: /finished/ })).toBeVisible();

  // What the browser does on a drop onto the desktop: fetch the URL.
  const url = DOWNLOAD_URL.exec(await dragItem(page, item(pane, 'app.conf')))![1]!;
  const response = await fetch(url);
  expect(response.headers.get('content-disposition')).toContain('app.conf');
  expect(await response.text()).toBe(APP_CONF);
});
