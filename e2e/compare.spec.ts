// Compare two images: from two selected rows (the top bar's Compare) or a row's "Compare with…" (the page asks for
// the other image); the changed paths as a tree with A/C/D marks and size changes, filtering, the keyboard, swap,
// and the config's differences. Screenshots 135–137 in light and dark (137 at 900×600).
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeRootfsTar, type RootfsEntry } from '../electron/core/testing/tarball.mjs';
import { repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';
import { clipping, smallText } from './support/visual-checks.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const A = 'shop/web:1.0';
const B = 'shop/web:1.1';
const OTHER = 'tools/probe:3';

test.use({ seeded: false });

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

const COMMON: RootfsEntry[] = [
  { path: 'bin/sh', content: bytes(120_000, 1), mode: 0o755 },
  { path: 'etc/os-release', content: 'ID=shop\n' },
  { path: 'usr/share/doc/readme.txt', content: 'docs\n' },
];

const BEFORE: RootfsEntry[] = [
  ...COMMON,
  { path: 'etc/nginx/nginx.conf', content: 'worker_processes 1;\n' },
  { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
  { path: 'usr/share/nginx/html/index.html', content: '<h1>v1</h1>\n' },
  { path: 'usr/lib/libssl.so.3', content: bytes(400_000, 2) },
  { path: 'usr/lib/libcrypto.so.3', content: bytes(900_000, 3) },
  { path: 'var/cache/apt/pkgcache.bin', content: bytes(1_500_000, 4) },
  { path: 'opt/legacy/run.sh', content: '#!/bin/sh\necho legacy\n', mode: 0o755 },
  { path: 'opt/legacy/data/seed.json', content: '{"seed": 1}\n' },
];

const AFTER: RootfsEntry[] = [
  ...COMMON,
  { path: 'etc/nginx/nginx.conf', content: 'worker_processes auto;\nevents { worker_connections 1024; }\n' },
  { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n', mode: 0o600 },
  { path: 'usr/share/nginx/html/index.html', content: '<h1>version 1.1</h1>\n' },
  { path: 'usr/lib/libssl.so.3', content: bytes(460_000, 5) },
  { path: 'usr/lib/libcrypto.so.3', content: bytes(900_000, 3) },
  { path: 'usr/lib/libssl.so', type: 'symlink', target: 'libssl.so.3' },
  { path: 'app/server.js', content: 'require("http").createServer().listen(8080);\n' },
  { path: 'app/package.json', content: '{"name": "shop"}\n' },
  { path: 'app/node_modules/express/index.js', content: bytes(52_000, 6) },
  { path: 'app/node_modules/express/package.json', content: '{"name": "express"}\n' },
];

async function importImage(berth: { store: string; cli(...args: string[]): Promise<string> }, name: string, entries: RootfsEntry[], changes: string[]) {
  const file = path.join(path.dirname(berth.store), `${name.replace(/\W/g, '_')}.tar`);
  await writeFile(file, await makeRootfsTar(entries));
  await berth.cli('import', ...changes.flatMap((change) => ['-c', change]), file, name);
}

async function seed(berth: { store: string; cli(...args: string[]): Promise<string> }) {
  await importImage(berth, A, BEFORE, ['ENV VERSION=1.0', 'ENV PATH=/usr/bin:/bin', 'CMD ["nginx", "-g", "daemon off;"]', 'LABEL org.opencontainers.image.version=1.0', 'EXPOSE 80/tcp', 'WORKDIR /usr/share/nginx/html']);
  await importImage(berth, B, AFTER, ['ENV VERSION=1.1', 'ENV PATH=/usr/bin:/bin', 'ENV NODE_ENV=production', 'CMD ["node", "/app/server.js"]', 'LABEL org.opencontainers.image.version=1.1', 'LABEL org.example.team=shop', 'EXPOSE 80/tcp', 'EXPOSE 8080/tcp', 'WORKDIR /app', 'USER node']);
  await importImage(berth, OTHER, [{ path: 'bin/probe', content: 'probe\n' }], []);
}

async function shot(page: Page, theme: string, name: string): Promise<void> {
  await page.waitForTimeout(250);
  await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
}

/** Beside "2 selected" in the summary line, only while exactly two rows are selected. */
const compareButton = (page: Page) => page.getByLabel('Store summary').getByRole('button', { name: 'Compare', exact: true });

async function compareTwo(page: Page): Promise<void> {
  await row(page, A).click();
  await row(page, B).click({ modifiers: ['ControlOrMeta'] });
  await compareButton(page).click();
  await expect(page.getByRole('heading', { name: 'Compare' })).toBeVisible();
  await expect(page.getByRole('tree', { name: 'Changed paths' })).toBeVisible();
}

const tree = (page: Page) => page.getByRole('tree', { name: 'Changed paths' });
const item = (page: Page, label: string) => tree(page).locator(`[role=treeitem][aria-label="${label}"]`);
const labels = (page: Page) => tree(page).getByRole('treeitem').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));

test('two selected images compare as a tree of changes, filterable, by keyboard too, and swap', async ({ page, berth }) => {
  await seed(berth);
  await openImages(page, berth.url, 3);
  // Compare needs exactly two rows.
  await row(page, A).click();
  await expect(compareButton(page)).toHaveCount(0);
  await row(page, B).click({ modifiers: ['ControlOrMeta'] });
  await row(page, OTHER).click({ modifiers: ['ControlOrMeta'] });
  await expect(page.getByLabel('Store summary')).toContainText('3 selected');
  await expect(compareButton(page)).toHaveCount(0);
  await compareTwo(page);

  const pair = page.getByLabel('Images compared');
  await expect(pair).toContainText(`A ${A}`);
  await expect(pair).toContainText(`B ${B}`);
  const summary = page.getByLabel('Summary');
  // Added: /app with everything in it (7) and the libssl.so link. Changed: nginx.conf, passwd, index.html,
  // libssl.so.3. Deleted: /opt and /var, each with everything that was in it (5 + 4).
  await expect(summary).toContainText('8 added');
  await expect(summary).toContainText('4 changed');
  await expect(summary).toContainText('9 deleted');
  await expect(summary).toContainText('Layers: 0 shared of 1 → 1');

  // Folders first, then by name; every folder of a small diff open.
  expect(await labels(page)).toEqual([
    '/app, added', '/app/node_modules, added', '/app/node_modules/express, added', '/app/node_modules/express/index.js, added',
    '/app/node_modules/express/package.json, added', '/app/package.json, added', '/app/server.js, added',
    '/etc', '/etc/nginx', '/etc/nginx/nginx.conf, changed', '/etc/passwd, changed',
    '/opt, deleted', '/opt/legacy, deleted', '/opt/legacy/data, deleted', '/opt/legacy/data/seed.json, deleted', '/opt/legacy/run.sh, deleted',
    '/usr', '/usr/lib', '/usr/lib/libssl.so, added', '/usr/lib/libssl.so.3, changed',
    '/usr/share', '/usr/share/nginx', '/usr/share/nginx/html', '/usr/share/nginx/html/index.html, changed',
    '/var, deleted', '/var/cache, deleted', '/var/cache/apt, deleted', '/var/cache/apt/pkgcache.bin, deleted',
  ]);
  // A folder adds up what changed below it: /usr/lib grew by 60 kB; /var went with 1.5 MB.
  await expect(item(page, '/usr/lib')).toContainText('+60kB');
  await expect(item(page, '/var, deleted')).toContainText('−1.5MB');
  await expect(item(page, '/etc/passwd, changed')).toHaveAttribute('title', '/etc/passwd: permissions 644 → 600');
  await expect(item(page, '/etc/passwd, changed')).toContainText('permissions 644 → 600');

  // A changed file's own lines, under the tree; a change of metadata only says so.
  await item(page, '/etc/nginx/nginx.conf, changed').click();
  const inside = page.getByRole('region', { name: 'Changes inside /etc/nginx/nginx.conf' });
  await expect(inside.locator('.content-line')).toHaveText(['1-worker_processes 1;', '1+worker_processes auto;', '2+events { worker_connections 1024; }']);
  await item(page, '/etc/passwd, changed').click();
  await expect(page.getByRole('region', { name: 'Changes inside /etc/passwd' })).toContainText("The text is the same; only the file's metadata changed.");
  await item(page, '/app, added').click(); // folders and added paths have nothing to compare inside
  await expect(page.getByRole('region', { name: /^Changes inside/ })).toHaveCount(0);
  await item(page, '/app, added').click(); // open again

  // Filter by text, then by kind.
  const filter = page.getByRole('searchbox', { name: 'Filter changed paths' });
  await filter.fill('libssl');
  expect(await labels(page)).toEqual(['/usr', '/usr/lib', '/usr/lib/libssl.so, added', '/usr/lib/libssl.so.3, changed']);
  await filter.fill('');
  await page.getByRole('button', { name: 'Added', exact: true }).click();
  await page.getByRole('button', { name: 'Deleted', exact: true }).click();
  expect((await labels(page)).filter((label) => label?.includes(','))).toEqual([
    '/etc/nginx/nginx.conf, changed', '/etc/passwd, changed', '/usr/lib/libssl.so.3, changed', '/usr/share/nginx/html/index.html, changed',
  ]);
  await page.getByRole('button', { name: 'Added', exact: true }).click();
  await page.getByRole('button', { name: 'Deleted', exact: true }).click();

  // Keyboard: one Tab stop; Left closes a folder, Right opens it.
  await tree(page).getByRole('treeitem').first().click(); // toggles /app closed
  await expect(item(page, '/app, added')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowRight');
  await expect(item(page, '/app, added')).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(item(page, '/app/node_modules, added')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(item(page, '/app/node_modules, added')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('ArrowLeft');
  await expect(item(page, '/app, added')).toBeFocused();

  // Swap: B → A, so what was added is deleted.
  await page.getByRole('button', { name: 'Swap' }).click();
  await expect(pair).toContainText(`A ${B}`);
  await expect(summary).toContainText('9 added');
  await expect(summary).toContainText('8 deleted');
  await expect(item(page, '/app, deleted')).toBeVisible();

  await page.getByRole('button', { name: '← Images' }).click();
  await expect(page.getByRole('heading', { name: 'Images' })).toBeVisible();
});

test("a row's Compare with… asks for the other image, then shows the config's differences", async ({ page, berth }) => {
  await seed(berth);
  await openImages(page, berth.url, 3);
  await row(page, A).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Compare with…' }).click();
  await expect(page.getByRole('heading', { name: `Compare ${A} with…` })).toBeVisible();
  const choices = page.getByRole('list', { name: 'Images to compare with' }).getByRole('button');
  await expect(choices).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Filter images to compare with' }).fill('web');
  await expect(choices).toHaveCount(1);
  await choices.first().click();
  await expect(page.getByLabel('Images compared')).toContainText(`B ${B}`);

  await page.getByRole('tab', { name: /Config/ }).click();
  const table = page.getByRole('table', { name: 'Config differences' });
  const rowsText = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
  expect(rowsText).toEqual([
    'A Environment NODE_ENV not set production',
    'C Environment VERSION 1.0 1.1',
    'C Command ["nginx","-g","daemon off;"] ["node","/app/server.js"]',
    'C Working folder /usr/share/nginx/html /app',
    'A User not set node',
    'A Label org.example.team not set shop',
    'C Label org.opencontainers.image.version 1.0 1.1',
    'A Exposed port 8080/tcp not set exposed',
  ]);

  // Change B: back to the picker.
  await page.getByRole('button', { name: 'Change B…' }).click();
  await page.getByRole('list', { name: 'Images to compare with' }).getByRole('button', { name: new RegExp(OTHER) }).click();
  await expect(page.getByLabel('Images compared')).toContainText(`B ${OTHER}`);
});

test('a diff of thousands of paths opens its first level only and draws only the rows in view', async ({ page, berth }) => {
  await seed(berth);
  const many: RootfsEntry[] = [];
  for (let d = 0; d < 30; d++) for (let f = 0; f < 100; f++) many.push({ path: `data/set${String(d).padStart(2, '0')}/item${String(f).padStart(3, '0')}.json`, content: `{"n": ${f}}\n` });
  await importImage(berth, 'shop/data:1', [...BEFORE, ...many], []);
  await openImages(page, berth.url, 4);
  await row(page, A).click();
  await row(page, 'shop/data:1').click({ modifiers: ['ControlOrMeta'] });
  await compareButton(page).click();
  await expect(page.getByLabel('Summary')).toContainText('3,031 added');
  // Over 400 paths: only the first level is open.
  await expect(item(page, '/data, added')).toHaveAttribute('aria-expanded', 'true');
  await expect(item(page, '/data/set00, added')).toHaveAttribute('aria-expanded', 'false');
  await page.getByRole('searchbox', { name: 'Filter changed paths' }).fill('item05');
  await expect(page.getByText('300 matching')).toBeVisible();
  expect(await tree(page).getByRole('treeitem').count()).toBeLessThan(80);
  await tree(page).getByRole('treeitem').first().click();
  await page.keyboard.press('End');
  await expect(item(page, '/data/set29/item059.json, added')).toBeFocused();
  expect(await tree(page).getByRole('treeitem').count()).toBeLessThan(80);
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of Compare (${theme})`, async ({ page, berth }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await seed(berth);
    await openImages(page, berth.url, 3);
    await compareTwo(page);
    await item(page, '/etc/nginx/nginx.conf, changed').click();
    await expect(page.getByRole('region', { name: /^Changes inside/ }).locator('.content-line')).toHaveCount(3);
    await shot(page, theme, '135-compare');
    const small = await smallText(page, 12);
    await page.getByRole('tab', { name: /Config/ }).click();
    await expect(page.getByRole('table', { name: 'Config differences' })).toBeVisible();
    await shot(page, theme, '136-compare-config');
    small.push(...(await smallText(page, 12)));
    // Small text (column heads, what changed, not set, the layers line) reaches 4.5:1; the A/C/D letters are
    // checked on their tokens by compare-colours.test.ts.
    expect(small.length).toBeGreaterThan(5);
    expect(small.filter((text) => text.contrast < 4.5).map((t) => `${t.text} (${t.size}px) ${t.contrast.toFixed(2)}:1`)).toEqual([]);

    await page.setViewportSize({ width: 900, height: 600 });
    await page.getByRole('tab', { name: /Files/ }).click();
    await expect(tree(page)).toBeVisible();
    await shot(page, theme, '137-compare-narrow');
    // Nothing the top bar, the summary or the tools hold is cut off at 900×600.
    for (const control of await page.locator('.compare-top button, .compare-summary .summary-item, .diff-tools button, .diff-tools input').all()) {
      expect(await clipping(control), await control.evaluate((e) => e.outerHTML.slice(0, 80))).toBeNull();
    }
  });
}
