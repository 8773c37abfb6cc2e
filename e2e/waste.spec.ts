// The Layers tab's "Wasted space" section (issue 13, item 3): an image whose later layers overwrite a library,
// rewrite a config file and remove an apt cache shows dive's efficiency (explained in its tooltip), the bytes
// wasted and the paths wasting most with their layers; an image of one layer says it wastes nothing; a layer that
// cannot be read is an error with Retry, not an empty section. And `berth serve` indexes an import's layer by itself.
import type { Locator, Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { legacyArchiveEntries, testImage } from '../electron/core/tarball/test-support/archives.js';
import { makeRootfsTar } from '../electron/core/testing/tarball.mjs';
import { repoRoot } from './support/cli.js';
import { expect, test, type BerthFixture } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';
import { rootfs } from './support/tar.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;
const IMAGE = 'waste/demo:1';

/** Bytes that do not compress, so sizes on the page are what the files hold. */
function noise(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

/** A base layer, then a layer replacing a library and a config, then one removing the apt cache and a build folder. */
async function seedWastefulImage(berth: BerthFixture): Promise<void> {
  const work = path.dirname(berth.store);
  const write = async (name: string, tar: Buffer) => {
    const file = path.join(work, name);
    await writeFile(file, tar);
    return file;
  };
  const base = await makeRootfsTar([
    { path: 'etc/', type: 'directory' },
    { path: 'etc/os-release', content: 'ID=demo\n' },
    { path: 'usr/', type: 'directory' },
    { path: 'usr/lib/', type: 'directory' },
    { path: 'usr/lib/libcrypto.so.3', content: noise(1_500_000, 1) },
    { path: 'var/', type: 'directory' },
    { path: 'var/cache/', type: 'directory' },
    { path: 'var/cache/apt/', type: 'directory' },
    { path: 'var/cache/apt/archives/', type: 'directory' },
    { path: 'var/cache/apt/archives/openssl_3.0.11_amd64.deb', content: noise(400_000, 2) },
    { path: 'var/cache/apt/archives/curl_7.88.1_amd64.deb', content: noise(300_000, 3) },
    { path: 'var/cache/apt/pkgcache.bin', content: noise(200_000, 4) },
    { path: 'opt/', type: 'directory' },
    { path: 'opt/app/', type: 'directory' },
    { path: 'opt/app/config.json', content: JSON.stringify({ port: 8080, padding: 'x'.repeat(20_000) }) },
  ]);
  const update = await makeRootfsTar([
    { path: 'usr/', type: 'directory' },
    { path: 'usr/lib/', type: 'directory' },
    { path: 'usr/lib/libcrypto.so.3', content: noise(1_600_000, 5) },
    { path: 'opt/', type: 'directory' },
    { path: 'opt/app/', type: 'directory' },
    { path: 'opt/app/config.json', content: JSON.stringify({ port: 9090 }) },
    { path: 'tmp/', type: 'directory' },
    { path: 'tmp/build/', type: 'directory' },
    { path: 'tmp/build/app.o', content: noise(90_000, 6) },
  ]);
  // Whiteouts as dockerd writes them: `berth import` and `commit --add` refuse them, so the image comes as an archive.
  const cleanup = await makeRootfsTar([
    { path: 'var/', type: 'directory' },
    { path: 'var/cache/', type: 'directory' },
    { path: 'var/cache/.wh.apt', content: '' },
    { path: 'tmp/', type: 'directory' },
    { path: 'tmp/.wh.build', content: '' },
  ]);
  const image = await testImage([base, update, cleanup]);
  await berth.cli('load', '-i', await write('waste.tar', await makeRootfsTar(legacyArchiveEntries([{ image, tags: [IMAGE] }]))));
}

async function openLayers(page: Page, url: string, reference: string, rows: number): Promise<Locator> {
  await openImages(page, url, rows);
  await row(page, reference).dblclick();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await expect(pane.getByRole('heading', { name: reference })).toBeVisible();
  await pane.getByRole('tab', { name: 'Layers' }).click();
  return pane.getByRole('region', { name: 'Wasted space' });
}

for (const theme of THEMES) {
  test(`wasted space: efficiency, wasted bytes and the paths wasting most, with their layers (${theme})`, async ({ page, berth }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await seedWastefulImage(berth);
    const section = await openLayers(page, berth.url, IMAGE, SEED.rows + 1);
    const offenders = section.getByRole('list', { name: 'Paths wasting most' }).getByRole('listitem');
    await expect(offenders).toHaveCount(4);
    // Largest first: the replaced library, the removed apt cache (a folder), the rewritten config, the build folder.
    await expect(offenders.nth(0)).toContainText('/usr/lib/libcrypto.so.3');
    await expect(offenders.nth(0)).toContainText('1.5MB');
    await expect(offenders.nth(0)).toContainText(/written in #1\s*→\s*overwritten in #2/);
    await expect(offenders.nth(0).getByText('#2', { exact: true })).toHaveAttribute('title', 'test'); // the layer's step
    await expect(offenders.nth(1)).toContainText('/var/cache/apt/');
    await expect(offenders.nth(1)).toContainText('900kB');
    await expect(offenders.nth(1)).toContainText(/written in #1\s*→\s*removed in #3/);
    await expect(offenders.nth(2)).toContainText('/tmp/build/');
    await expect(offenders.nth(3)).toContainText('/opt/app/config.json');
    // 1,500,000 + 900,000 + 90,000 + the first config: 2.51 MB wasted in 4 paths.
    await expect(section).toContainText(/Wasted\s*2\.51MB in 4 paths, of/);

    const efficiency = section.getByText('Efficiency', { exact: false }).locator('xpath=ancestor::*[@tabindex][1]');
    await expect(efficiency).toHaveAttribute('title', /^Efficiency as dive computes it: /);
    await expect(efficiency).toHaveAccessibleDescription(/Efficiency = the kept sizes summed ÷ the sizes of every occurrence summed/);
    // dive, per path (smallest / all occurrences): libcrypto 1.5 MB / 3.1 MB, config 13 / 20,039, the apt cache's
    // three files and os-release once each (900,008), app.o 90,000 once, and the two whiteouts as occurrences of
    // their own, sized what the folders held (900,000 and 90,000): 3,480,021 / 5,100,047 = 68.2 %.
    await expect(efficiency).toContainText(/Efficiency\s*68\.2 %/);
    await expect(efficiency).toHaveAttribute('title', /potential wasted space \(every occurrence of the paths that occur more than once\): 3\.12MB\./);

    await section.scrollIntoViewIfNeeded();
    await page.waitForTimeout(250);
    await page.screenshot({ path: path.join(OUT, `${theme}-140-wasted-space.png`) });
  });
}

test('an image of one layer wastes nothing, and says so', async ({ page, berth }) => {
  const section = await openLayers(page, berth.url, SEED.single, SEED.rows);
  await expect(section).toContainText('No wasted space: no file is overwritten or removed by a later layer.');
  await expect(section.getByRole('list')).toHaveCount(0);
});

test('a layer that cannot be read is reported with Retry', async ({ page, berth }) => {
  const tar = await makeRootfsTar([{ path: 'etc/hostname', content: 'broken\n' }]);
  const file = path.join(path.dirname(berth.store), 'broken.tar');
  await writeFile(file, tar);
  await berth.cli('import', file, 'waste/broken:1');
  // An uncompressed import is stored byte for byte: its layer blob is named by its diff ID. Damage it.
  const [inspect] = JSON.parse(await berth.cli('inspect', 'waste/broken:1')) as Array<{ RootFS: { Layers: string[] } }>;
  const blob = path.join(berth.store, 'blobs/sha256', inspect!.RootFS.Layers[0]!.slice(7));
  await rm(blob, { force: true });
  await writeFile(blob, 'garbage, not a tar'.repeat(40));
  const section = await openLayers(page, berth.url, 'waste/broken:1', SEED.rows + 1);
  await expect(section.getByRole('alert')).toContainText('Could not measure wasted space:');
  await expect(section.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('an image imported in the app is indexed in the background, after its import ends', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const tar = await rootfs('indexed-later', 200_000);
  await page.getByLabel('Root filesystem tarball to import').setInputFiles({ name: 'later.tar', mimeType: 'application/x-tar', buffer: tar });
  const dialog = page.getByRole('dialog', { name: 'Import later.tar' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('waste/later:1');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(row(page, 'waste/later:1')).toBeVisible();
  // An uncompressed import's diff ID is its own digest: `berth serve` writes that layer's index by itself.
  const index = path.join(berth.store, 'ingest/cache/layer-files', createHash('sha256').update(tar).digest('hex'));
  await expect.poll(() => stat(index).then(() => true, () => false), { timeout: 15_000 }).toBe(true);
});
