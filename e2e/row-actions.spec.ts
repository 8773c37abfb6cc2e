// Row actions: hover/focus buttons, the context menu (mouse and keyboard), the ID's copy button, long names cut in
// the middle; and their screenshots (50-53) in both themes.
/// <reference lib="dom" />
import type { BrowserContext, Locator, Page } from '@playwright/test';
import path from 'node:path';
import { repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

const LONG_REPO = 'registry.example.com/team/platform/backend/services/internal/tooling/build-infrastructure/cache-warmers/very-long-image-name';
const LONG_TAG = 'release-2024.11.30-build.1234-linux-amd64-debug-symbols';
const LONG_REF = `${LONG_REPO}:${LONG_TAG}`;

async function allowClipboard(context: BrowserContext, url: string): Promise<void> {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
}

const clipboard = (page: Page) => page.evaluate(() => navigator.clipboard.readText());
const menu = (page: Page) => page.getByRole('menu');
/** What the eye sees in a cell: the cut text when the name is cut, else the name. */
const shownText = (cell: Locator) =>
  cell.evaluate((element) => (element.querySelector('[aria-hidden=true]') ?? element).textContent ?? '');

test('a row shows copy, tag and remove on hover, acting on that row without selecting it', async ({ page, context, berth }) => {
  await allowClipboard(context, berth.url);
  await openImages(page, berth.url, SEED.rows);
  const busybox = row(page, SEED.single);
  const copy = busybox.getByRole('button', { name: `Copy ${SEED.single}`, exact: true });
  // Only under the pointer (and on the keyboard's current row, which reaches them with ArrowRight).
  const actions = busybox.locator('.row-actions');
  await expect(actions).toHaveCount(0);
  await busybox.hover();
  await expect(actions).toHaveCSS('opacity', '1');
  await expect(busybox.getByRole('button', { name: `Tag ${SEED.single}…` })).toBeVisible();
  await expect(busybox.getByRole('button', { name: `Remove ${SEED.single}…` })).toBeVisible();
  // Only the hovered row shows them.
  await expect(row(page, SEED.big).locator('.row-actions')).toHaveCount(0);

  await copy.click();
  expect(await clipboard(page)).toBe(SEED.single);
  await expect(page.getByRole('status').filter({ hasText: `Copied ${SEED.single}` })).toBeVisible();
  await expect(busybox).toHaveAttribute('aria-selected', 'false');

  await busybox.getByRole('button', { name: `Tag ${SEED.single}…` }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag image' });
  await expect(dialog).toContainText(`Source: ${SEED.single}`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(busybox).toBeFocused();

  await busybox.hover();
  await busybox.getByRole('button', { name: `Remove ${SEED.single}…` }).click();
  const remove = page.getByRole('dialog', { name: 'Remove image?' });
  await expect(remove).toContainText(SEED.single);
  await remove.getByRole('button', { name: 'Remove' }).click();
  await expect(busybox).toHaveCount(0);
  await expect(dataRows(page)).toHaveCount(SEED.rows - 1);
});

test('right-click opens a menu with the same entries; it acts on the selection, and closes by Escape or outside', async ({ page, context, berth }) => {
  await allowClipboard(context, berth.url);
  await openImages(page, berth.url, SEED.rows);
  const alpine = row(page, SEED.shared[0]);
  await alpine.click({ button: 'right' });
  const entries = menu(page).getByRole('menuitem');
  await expect(menu(page)).toHaveAccessibleName(`Actions for ${SEED.shared[0]}`);
  await expect(entries).toHaveText(['Copy reference', 'Pull', 'Push…', 'Tag…', 'Save…', 'New image from…', 'Send to Engine', 'Compare with…', 'Remove…']);
  await expect(entries.first()).toBeFocused();
  // Right-click on a row outside the selection selects it, as a file manager does.
  await expect(alpine).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(entries.last()).toBeFocused();
  await page.keyboard.press('ArrowDown'); // wraps
  await expect(entries.first()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu(page)).toHaveCount(0);
  await expect(alpine).toBeFocused();

  await alpine.click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy reference' }).click();
  expect(await clipboard(page)).toBe(SEED.shared[0]);

  // Several rows selected: the menu speaks for all of them; Tag needs exactly one.
  await row(page, SEED.single).click();
  await row(page, SEED.configured).click({ modifiers: ['ControlOrMeta'] });
  await row(page, SEED.big).click({ modifiers: ['ControlOrMeta'] });
  await row(page, SEED.configured).click({ button: 'right' });
  await expect(menu(page)).toHaveAccessibleName('Actions for 3 images');
  await expect(entries).toHaveText(['Copy 3 references', 'Pull 3 images', 'Push…', 'Tag…', 'Save 3 images…', 'New image from…', 'Send 3 images to Engine', 'Compare (select two)', 'Remove 3 images…']);
  await expect(page.getByRole('menuitem', { name: 'Tag…' })).toHaveAttribute('aria-disabled', 'true');
  await page.getByRole('menuitem', { name: 'Tag…' }).click({ force: true }); // disabled: nothing happens, the menu stays
  await expect(menu(page)).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('menuitem', { name: 'Copy 3 references' }).click();
  expect((await clipboard(page)).split('\n').sort()).toEqual([SEED.big, SEED.single, SEED.configured].sort());

  await row(page, SEED.big).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Remove 3 images…' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove 3 images?' });
  await expect(remove).toBeVisible();
  await remove.getByRole('button', { name: 'Cancel' }).click();
  await expect(row(page, SEED.big)).toBeFocused();

  // A click outside closes it without acting.
  await row(page, SEED.big).click({ button: 'right' });
  await expect(menu(page)).toBeVisible();
  await page.getByRole('heading', { name: 'Images' }).click();
  await expect(menu(page)).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the menu stays inside the window when opened near its edges', async ({ page, berth }) => {
  await page.setViewportSize({ width: 900, height: 600 });
  await openImages(page, berth.url, SEED.rows);
  const last = dataRows(page).last();
  const { y, height } = (await last.boundingBox())!;
  // The window ends just under the last row: the menu has to open up and to the left of the pointer.
  const viewport = { width: 900, height: Math.ceil(y + height + 12) };
  await page.setViewportSize(viewport);
  const box = (await last.boundingBox())!;
  await page.mouse.click(box.x + box.width - 4, box.y + box.height / 2, { button: 'right' });
  await expect(menu(page)).toBeVisible();
  const shown = (await menu(page).boundingBox())!;
  expect(shown.x).toBeGreaterThanOrEqual(0);
  expect(shown.y).toBeGreaterThanOrEqual(0);
  expect(shown.x + shown.width).toBeLessThanOrEqual(viewport.width);
  expect(shown.y + shown.height).toBeLessThanOrEqual(viewport.height);
  expect(shown.x + shown.width).toBeLessThanOrEqual(box.x + box.width - 4 + 1); // flipped to the pointer's left
});

test('the keyboard opens the same menu (Shift+F10, the menu key) and tags through it; focus comes back', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const busybox = row(page, SEED.single);
  await busybox.click();
  await page.keyboard.press('Shift+F10');
  await expect(menu(page)).toHaveAccessibleName(`Actions for ${SEED.single}`);
  // Opened at the row, not at some stale pointer position.
  const rowBox = (await busybox.boundingBox())!;
  const menuBox = (await menu(page).boundingBox())!;
  expect(Math.abs(menuBox.y - (rowBox.y + rowBox.height))).toBeLessThan(4);
  await page.keyboard.press('t'); // first letter jumps to "Tag…"
  await expect(page.getByRole('menuitem', { name: 'Tag…' })).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Tag image' });
  await expect(dialog.getByRole('textbox', { name: 'New name' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'New name' }).fill('busybox:mirror');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row(page, 'busybox:mirror')).toHaveCount(1);
  await expect(busybox).toBeFocused();

  await page.keyboard.press('ContextMenu');
  await expect(menu(page)).toBeVisible();
  await page.keyboard.press('Tab'); // Tab closes a menu too, back to the row
  await expect(menu(page)).toHaveCount(0);
  await expect(busybox).toBeFocused();
});

test('the copy icon beside the ID copies the full ID, shows a tick, and does not select the row', async ({ page, context, berth }) => {
  await allowClipboard(context, berth.url);
  await openImages(page, berth.url, SEED.rows);
  const id = (await berth.cli('images', '--no-trunc', '--format', '{{.ID}}', SEED.big)).trim();
  const zeta = row(page, SEED.big);
  const copy = zeta.getByRole('button', { name: /^Copy image ID / });
  await copy.click();
  expect(await clipboard(page)).toBe(id);
  await expect(copy).toHaveAttribute('title', 'Copied');
  await expect(zeta).toHaveAttribute('aria-selected', 'false');
  // The ID text itself is a plain part of the row: a click on it selects the row, and copies nothing.
  await page.evaluate(() => navigator.clipboard.writeText('unchanged'));
  await zeta.getByRole('gridcell').nth(2).locator('.short-id').click();
  await expect(zeta).toHaveAttribute('aria-selected', 'true');
  expect(await clipboard(page)).toBe('unchanged');
  await expect(copy).toHaveAttribute('title', /Copy the full image ID/, { timeout: 3000 });
});

test('a long name is cut in the middle: the last path segment and the tag stay, the whole name on hover and for screen readers', async ({ page, berth }) => {
  await berth.cli('tag', SEED.single, LONG_REF);
  await openImages(page, berth.url, SEED.rows + 1);
  const long = row(page, LONG_REF); // found by the full names, which are the cells' accessible names
  await expect(long).toHaveCount(1);
  const repository = long.getByRole('gridcell').first();
  const shown = await shownText(repository);
  expect(shown).toContain('…');
  expect(shown.startsWith('registry.example.com/')).toBe(true);
  expect(shown.endsWith('/very-long-image-name')).toBe(true);
  await expect(repository.locator('[title]').first()).toHaveAttribute('title', LONG_REPO);
  // It fits: no clipped text, so the browser's own end-ellipsis never shows.
  const fits = await repository.evaluate((cell) => {
    const text = cell.querySelector('[aria-hidden=true]') as HTMLElement;
    return text.getBoundingClientRect().right <= cell.getBoundingClientRect().right - 8;
  });
  expect(fits).toBe(true);
  const tag = long.getByRole('gridcell').nth(1);
  const shownTag = await shownText(tag);
  expect(shownTag).toContain('…');
  expect(shownTag.startsWith('release-')).toBe(true);
  expect(shownTag.endsWith('symbols')).toBe(true);
  // Wider window, more of the name.
  await page.setViewportSize({ width: 1900, height: 760 });
  await expect.poll(async () => (await shownText(repository)).length).toBeGreaterThan(shown.length);
  // Short names are left alone.
  expect(await shownText(row(page, SEED.single).getByRole('gridcell').first())).toBe('busybox');
});

// ---- screenshots --------------------------------------------------------------------------------------------------

const OUT = path.join(repoRoot, 'e2e-screenshots');

async function shot(page: Page, theme: string, name: string): Promise<void> {
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
}

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots: row actions, context menu, keyboard focus, long names (${theme})`, async ({ page, berth }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await berth.cli('tag', SEED.single, LONG_REF);
    await berth.cli('tag', SEED.configured, 'ghcr.io/an-organisation-with-a-long-name/tooling/debug-shell:dev');
    await openImages(page, berth.url, SEED.rows + 2);

    await row(page, SEED.single).hover();
    await shot(page, theme, '50-row-hover-actions');

    await row(page, SEED.single).click();
    await row(page, SEED.configured).click({ modifiers: ['ControlOrMeta'] });
    await row(page, SEED.big).click({ modifiers: ['ControlOrMeta'] });
    await row(page, SEED.configured).click({ button: 'right' });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await shot(page, theme, '51-context-menu');
    await page.keyboard.press('Escape');

    await row(page, SEED.shared[0]).click();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.mouse.move(5, 5);
    await shot(page, theme, '52-keyboard-focus');

    await page.setViewportSize({ width: 900, height: 600 });
    await row(page, LONG_REF).click();
    await page.mouse.move(5, 5);
    await shot(page, theme, '53-long-names');
  });
}
