// The detail pane's Packages tab (issue 13, item 5): an image whose root filesystem holds this machine's own dpkg
// database and os-release shows Debian and every package dpkg-query lists, filterable; an image with no package
// database says so. Needs the layer index (openImageFiles) the lead merges; until then imagePackages answers NOT_FOUND.
import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeRootfsTar } from '../electron/core/testing/tarball.mjs';
import { repoRoot } from './support/cli.js';
import { expect, test, type BerthFixture } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;
const DEBIAN = 'debian-packages:host';
const CENTOS = 'centos-bdb:7';

const installed = (): number => Number(execFileSync('sh', ['-c', "dpkg-query -W -f '${Status}\\n' | grep -c 'install ok installed'"], { encoding: 'utf8' }));
const dpkgVersion = (): string => execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'dpkg'], { encoding: 'utf8' });
const prettyName = (): string => /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '';

/** Imports a root filesystem holding this machine's dpkg status and os-release (Debian ships it as a link; the real file is copied). */
async function seedDebian(berth: BerthFixture): Promise<void> {
  const tarball = path.join(path.dirname(berth.store), 'debian-packages.tar');
  await writeFile(
    tarball,
    await makeRootfsTar([
      { path: 'etc', type: 'directory' },
      { path: 'usr', type: 'directory' },
      { path: 'usr/lib', type: 'directory' },
      { path: 'usr/lib/os-release', content: readFileSync('/etc/os-release') },
      { path: 'etc/os-release', type: 'symlink', target: '../usr/lib/os-release' },
      { path: 'var', type: 'directory' },
      { path: 'var/lib', type: 'directory' },
      { path: 'var/lib/dpkg', type: 'directory' },
      { path: 'var/lib/dpkg/status', content: readFileSync('/var/lib/dpkg/status') },
    ]),
  );
  await berth.cli('import', tarball, DEBIAN);
}

async function openPackages(page: Page, url: string, reference: string) {
  await openImages(page, url, SEED.rows + 1);
  await row(page, reference).dblclick();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await expect(pane.getByRole('heading', { name: reference })).toBeVisible();
  await pane.getByRole('tab', { name: 'Packages' }).click();
  return pane;
}

async function shot(page: Page, theme: string, name: string): Promise<void> {
  await page.waitForTimeout(250); // let the pane's transition settle
  await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
}

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    });

    test(`a Debian root filesystem lists what dpkg-query lists (${theme})`, async ({ page, berth }) => {
      test.setTimeout(60_000);
      await seedDebian(berth);
      const pane = await openPackages(page, berth.url, DEBIAN);
      const panel = pane.getByRole('tabpanel');
      await expect(panel).toContainText(prettyName(), { timeout: 20_000 }); // the first look indexes the layer
      const count = installed();
      await expect(pane.getByRole('list', { name: 'Package databases' })).toHaveText(`dpkg · ${count.toLocaleString('en')} packages`);
      const table = pane.getByRole('table', { name: 'Packages' });
      await expect(table).toHaveAttribute('aria-rowcount', String(count + 1));
      // Virtual: a screenful of rows is in the DOM, not all of them.
      expect(await table.getByRole('row').count()).toBeLessThan(count / 2);
      await shot(page, theme, '145-packages');

      const filter = pane.getByRole('searchbox', { name: 'Filter packages' });
      await filter.fill('dpkg');
      const dpkg = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'dpkg', exact: true }) });
      await expect(dpkg.getByRole('cell').nth(1)).toHaveText(dpkgVersion());
      await expect(pane.getByRole('status')).toContainText(`of ${count.toLocaleString('en')}`);
      await shot(page, theme, '146-packages-filtered');
      await filter.fill('no-such-package-anywhere');
      await expect(panel).toContainText('No package matches “no-such-package-anywhere”');
    });

    test(`an image without a package database says so (${theme})`, async ({ page, berth }) => {
      await openImages(page, berth.url, SEED.rows);
      await row(page, SEED.single).dblclick();
      const pane = page.getByRole('complementary', { name: 'Image details' });
      await pane.getByRole('tab', { name: 'Packages' }).click();
      await expect(pane.getByRole('tabpanel')).toContainText('No package database found — distroless or scratch images may have none', { timeout: 20_000 });
      await expect(pane.getByRole('tabpanel')).toContainText('Berth test'); // its os-release NAME
      await shot(page, theme, '147-packages-none');
    });

    test(`rpm's Berkeley DB is found but reported as not readable (${theme})`, async ({ page, berth }) => {
      const tarball = path.join(path.dirname(berth.store), 'centos-bdb.tar');
      await writeFile(
        tarball,
        await makeRootfsTar([
          { path: 'etc', type: 'directory' },
          { path: 'etc/os-release', content: 'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\n' },
          { path: 'var', type: 'directory' },
          { path: 'var/lib', type: 'directory' },
          { path: 'var/lib/rpm', type: 'directory' },
          // A Berkeley DB hash file starts with its metadata page; the magic (0x00061561) sits at offset 12.
          { path: 'var/lib/rpm/Packages', content: Buffer.concat([Buffer.alloc(12), Buffer.from([0x00, 0x06, 0x15, 0x61]), Buffer.alloc(4080)]) },
        ]),
      );
      await berth.cli('import', tarball, CENTOS);
      const pane = await openPackages(page, berth.url, CENTOS);
      const panel = pane.getByRole('tabpanel');
      await expect(panel).toContainText('CentOS Linux 7 (Core)', { timeout: 20_000 });
      await expect(pane.getByRole('list', { name: 'Package databases' })).toHaveText('rpm · not readable');
      await expect(pane.getByRole('note')).toContainText('/var/lib/rpm/Packages: rpm’s Berkeley DB database');
      await expect(pane.getByRole('note')).toContainText('not readable');
      await shot(page, theme, '148-packages-unreadable');
    });
  });
}
