// Keyboard only: the grid is one Tab stop with a roving current row; arrows, Home/End, pages, Shift to extend,
// Space, Enter, Delete; focus survives reloads and comes back from dialogs and the detail pane.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { dataRows, grid, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

const focusedRow = (page: Page) => grid(page).locator('[role=row]:focus');
const selectedRows = (page: Page) => dataRows(page).and(page.locator('[aria-selected=true]'));
/** The first cell's text of the focused row: which row has focus, as a user reads it. */
const focusedName = (page: Page) => focusedRow(page).getByRole('gridcell').first().innerText();

test('the rows are one Tab stop: Tab enters at one row and leaves the grid with the next press', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await expect(dataRows(page).and(page.locator('[tabindex="0"]'))).toHaveCount(1);
  await page.getByRole('searchbox', { name: 'Filter images' }).focus();
  for (let i = 0; i < 20 && !(await focusedRow(page).count()); i++) await page.keyboard.press('Tab');
  await expect(focusedRow(page)).toHaveCount(1);
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2'); // the top row, nothing selected yet
  // A visible ring: the browser's :focus-visible after a keyboard move.
  const outline = await focusedRow(page).evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe('solid');
  await page.keyboard.press('Tab');
  await expect(focusedRow(page)).toHaveCount(0);
  await page.keyboard.press('Shift+Tab');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2');
});

test('arrows move and select; Shift extends; Ctrl moves without selecting; Space toggles; Home/End; Ctrl+A', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const first = dataRows(page).first();
  await first.focus();
  await page.keyboard.press('ArrowDown');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '3');
  await expect(selectedRows(page)).toHaveCount(1);
  await expect(focusedRow(page)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '5');
  await expect(selectedRows(page)).toHaveCount(3);
  await page.keyboard.press('Shift+ArrowUp');
  await expect(selectedRows(page)).toHaveCount(2);

  await page.keyboard.press('Control+ArrowDown');
  await page.keyboard.press('Control+ArrowDown');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '6');
  await expect(focusedRow(page)).toHaveAttribute('aria-selected', 'false');
  await expect(selectedRows(page)).toHaveCount(2);
  await page.keyboard.press('Space');
  await expect(focusedRow(page)).toHaveAttribute('aria-selected', 'true');
  await expect(selectedRows(page)).toHaveCount(3);
  await page.keyboard.press('Space');
  await expect(selectedRows(page)).toHaveCount(2);

  await page.keyboard.press('End');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(SEED.rows + 1));
  await expect(selectedRows(page)).toHaveCount(1);
  await page.keyboard.press('Shift+Home');
  await expect(selectedRows(page)).toHaveCount(SEED.rows);
  await page.keyboard.press('Home');
  await expect(selectedRows(page)).toHaveCount(1);
  await page.keyboard.press('Control+a');
  await expect(selectedRows(page)).toHaveCount(SEED.rows);
  await expect(page.getByLabel('Store summary')).toContainText(`${SEED.rows} selected`);
  // Space and the arrows never scrolled the page or typed anywhere: focus is still on the row.
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2');
});

test('PageDown/PageUp move by the rows in view and the current row scrolls into view', async ({ page, berth }) => {
  test.setTimeout(60_000);
  // 30 more tags: more rows than a 600 px window shows.
  for (let i = 0; i < 30; i++) await berth.cli('tag', SEED.single, `many/row-${String(i).padStart(2, '0')}:1`);
  await page.setViewportSize({ width: 900, height: 600 });
  await openImages(page, berth.url);
  await expect(page.getByLabel('Store summary')).toContainText(`${SEED.tagged + 30} tags`);
  await dataRows(page).first().focus();
  const inView = async () =>
    focusedRow(page).evaluate((element) => {
      const box = element.getBoundingClientRect();
      const scroller = element.closest('.grid-scroll')!.getBoundingClientRect();
      return box.top >= scroller.top - 1 && box.bottom <= scroller.bottom + 1;
    });
  await page.keyboard.press('PageDown');
  const paged = Number(await focusedRow(page).getAttribute('aria-rowindex')) - 2;
  const shown = await page.locator('.grid-scroll').evaluate((element) => Math.floor(element.clientHeight / 26));
  expect(paged).toBe(shown - 1);
  expect(await inView()).toBe(true);
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  expect(await inView()).toBe(true);
  await page.keyboard.press('End');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(SEED.rows + 30 + 1));
  expect(await inView()).toBe(true);
  await page.keyboard.press('PageUp');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(SEED.rows + 30 + 1 - paged));
  await page.keyboard.press('Home');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', '2');
  expect(await inView()).toBe(true);

  // The current row stays the Tab stop even when scrolled out of view by the wheel: Tab comes back to it.
  await page.keyboard.press('End');
  await page.locator('.grid-scroll').evaluate((element) => element.scrollTo(0, 0));
  await page.getByRole('searchbox', { name: 'Filter images' }).focus();
  for (let i = 0; i < 20 && !(await focusedRow(page).count()); i++) await page.keyboard.press('Tab');
  await expect(focusedRow(page)).toHaveAttribute('aria-rowindex', String(SEED.rows + 30 + 1));
});

test('Enter opens the details; closing them gives focus back to the row', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await row(page, SEED.configured).focus();
  await page.keyboard.press('Enter');
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await expect(pane.getByRole('tabpanel')).toContainText('seeded for e2e');
  await expect(row(page, SEED.configured)).toBeFocused();
  // Into the pane and out by its close button: back on the row it was opened from.
  await pane.getByRole('button', { name: 'Close details' }).focus();
  await page.keyboard.press('Enter');
  await expect(pane).toHaveCount(0);
  await expect(row(page, SEED.configured)).toBeFocused();
  // Escape from the row closes it too, and focus stays.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('complementary', { name: 'Image details' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('complementary', { name: 'Image details' })).toHaveCount(0);
  await expect(row(page, SEED.configured)).toBeFocused();
});

test('Delete opens Remove for the current row; Escape returns to it; removing moves focus to the next row', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const busybox = row(page, SEED.single);
  await busybox.focus();
  const below = await dataRows(page).nth(Number(await busybox.getAttribute('aria-rowindex')) - 1).getByRole('gridcell').first().innerText();
  await page.keyboard.press('Delete');
  const dialog = page.getByRole('dialog', { name: 'Remove image?' });
  await expect(dialog).toContainText(SEED.single);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(busybox).toBeFocused();

  await page.keyboard.press('Delete');
  await expect(dialog).toBeVisible();
  // The safe choice has focus first; the user moves to Remove on purpose.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(busybox).toHaveCount(0);
  await expect(focusedRow(page)).toHaveCount(1);
  expect(await focusedName(page)).toBe(below);
});

test('focus stays on its row while the list reloads live, and a dialog opened from a button returns to it', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const zeta = row(page, SEED.big);
  await zeta.focus();
  await berth.cli('tag', SEED.single, 'aaa-new:1'); // sorts by created: lands among the rows, above or below
  await expect(dataRows(page)).toHaveCount(SEED.rows + 1);
  await expect(zeta).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(zeta).not.toBeFocused();
  await expect(focusedRow(page)).toHaveCount(1);

  await zeta.click();
  const tag = page.getByRole('button', { name: 'Tag…', exact: true });
  await tag.click();
  await expect(page.getByRole('dialog', { name: 'Tag image' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tag).toBeFocused();
});

test('ArrowRight reaches the row\'s buttons, Left and Escape go back; a dialog opened there returns to its button', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const zeta = row(page, SEED.big);
  await zeta.focus();
  await page.keyboard.press('ArrowRight');
  await expect(zeta.getByRole('button', { name: /^Copy image ID / })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(zeta.getByRole('button', { name: `Copy ${SEED.big}`, exact: true })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(zeta.getByRole('button', { name: `Pull ${SEED.big}`, exact: true })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(zeta.getByRole('button', { name: `Push ${SEED.big}…` })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  const tag = zeta.getByRole('button', { name: `Tag ${SEED.big}…` });
  await expect(tag).toBeFocused();
  await page.mouse.move(0, 0);
  await expect(zeta.locator('.row-actions')).toHaveCSS('opacity', '1'); // shown while the keyboard is in the row, without a mouse
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Tag image' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(tag).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Escape');
  await expect(zeta).toBeFocused();
  await page.keyboard.press('ArrowDown'); // the grid's keys work again from the row
  await expect(zeta).not.toBeFocused();
});
