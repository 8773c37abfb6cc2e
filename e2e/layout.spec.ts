// Issue 8 item 3: a layout that holds at 900×600 and at 2560 wide — the resizable pane, the pane as a page when
// narrow, columns that give way by priority, a summary and top bar that wrap — and item 5's rings and small text.
import type { Locator, Page } from '@playwright/test';
import path from 'node:path';
import { repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { grid, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';
import { clipping, focusRing, smallText } from './support/visual-checks.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;

async function shot(page: Page, theme: string, name: string): Promise<void> {
  await page.waitForTimeout(250); // let the pane's width transition settle
  await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
}

function pane(page: Page): Locator {
  return page.getByRole('complementary', { name: 'Image details' });
}

function splitter(page: Page): Locator {
  return page.getByRole('separator', { name: 'Resize details' });
}

async function valueNow(page: Page): Promise<number> {
  return Number(await splitter(page).getAttribute('aria-valuenow'));
}

async function expectUnclipped(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  expect(await clipping(locator), await locator.evaluate((e) => e.outerHTML.slice(0, 80))).toBeNull();
}

/** The visible column headers' labels, left to right. */
async function headers(page: Page): Promise<string[]> {
  return grid(page).getByRole('columnheader').allInnerTexts().then((texts) => texts.map((text) => text.replace(/[▲▼]/g, '').trim()));
}

/** Focus sits on the row the pane showed: the row itself, or the grid with that row selected. */
async function expectFocusOnRow(page: Page, reference: string): Promise<void> {
  const target = row(page, reference);
  await expect(target).toHaveAttribute('aria-selected', 'true');
  await expect
    .poll(() => page.evaluate(() => ({ role: document.activeElement?.getAttribute('role'), inGrid: !!document.activeElement?.closest('[role=grid]') })))
    .toMatchObject({ inGrid: true });
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
  if (focused === 'row') await expect(target).toBeFocused();
  else await expect(grid(page)).toBeFocused();
}

/** Tabs through the page from the sidebar until focus comes round; for each stop, what is wrong with its ring. */
async function walkFocus(page: Page): Promise<{ seen: string[]; problems: string[] }> {
  // Onto the first stop by keyboard, so it shows its :focus-visible ring (after a click, a programmatic focus would not).
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button').first().focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const problems: string[] = [];
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    const ring = await focusRing(page);
    if (ring) {
      if (seen.includes(ring.what)) break;
      seen.push(ring.what);
      // The grid shows focus on its rows (the rows' own indicator), not as a ring round the whole table.
      if (ring.kind === 'none' && !ring.what.startsWith('div.grid')) problems.push(`${ring.what}: no focus indicator`);
      if (ring.kind !== 'none' && ring.contrast < 3) problems.push(`${ring.what}: ring ${ring.contrast.toFixed(2)}:1`);
      const cut = await clipping(page.locator(':focus'), ring.reach);
      if (cut) problems.push(`${ring.what}: ring ${cut}`);
    }
    await page.keyboard.press('Tab');
  }
  expect(seen[0]).toContain('nav-item'); // the walk started at the top
  return { seen, problems };
}

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    });

    test(`at 900×600 with the pane open nothing is clipped (${theme})`, async ({ page, berth }) => {
      await page.setViewportSize({ width: 900, height: 600 });
      await openImages(page, berth.url, SEED.rows);
      await row(page, SEED.configured).click();
      await shot(page, theme, '41-900x600-list');
      // With the pane closed the table is wide enough for every column, and the names get the room to spare.
      expect(await headers(page)).toEqual(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
      const columnWidth = async (name: string) => (await grid(page).getByRole('columnheader', { name }).boundingBox())!.width;
      expect(await columnWidth('REPOSITORY')).toBeGreaterThan(2.5 * (await columnWidth('TAG')));
      const longest = row(page, SEED.shared[1]).getByRole('gridcell').first(); // example.com/team/app, whole
      expect(await longest.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);

      await page.keyboard.press('Enter');
      await expect(pane(page).getByRole('tabpanel')).toContainText('seeded for e2e');
      await expect(splitter(page)).toBeVisible(); // beside the table, not a page
      await expect(row(page, SEED.single)).toBeVisible();

      // Every control and figure of the top bar and the summary is there, whole.
      for (const control of [
        page.getByRole('heading', { name: 'Images', exact: true }),
        page.getByRole('searchbox', { name: 'Filter images' }),
        page.getByRole('checkbox', { name: 'Show dangling' }),
        page.getByRole('button', { name: 'Tag…' }),
        page.getByRole('button', { name: 'Remove…' }),
        page.getByRole('button', { name: /^Import/ }),
        page.getByRole('button', { name: 'Prune…' }),
        page.getByText('1 selected', { exact: true }),
      ]) {
        await expectUnclipped(control);
      }
      for (const item of await page.getByLabel('Store summary').locator('.summary-item').all()) await expectUnclipped(item);

      // Lower-priority columns gave way; those left have whole labels, inside the table.
      const shown = await headers(page);
      expect(shown.slice(0, 2)).toEqual(['REPOSITORY', 'TAG']);
      expect(shown).not.toContain('CREATED');
      expect(['REPOSITORY', 'TAG', 'IMAGE ID', 'SIZE'].filter((label) => shown.includes(label))).toEqual(shown);
      await expect(grid(page).getByRole('columnheader', { name: 'CREATED' })).toHaveCount(0); // out of the a11y tree too
      const table = (await grid(page).boundingBox())!;
      for (const header of await grid(page).getByRole('columnheader').all()) {
        const box = (await header.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(table.x - 0.5);
        expect(box.x + box.width).toBeLessThanOrEqual(table.x + table.width + 0.5);
        const button = header.getByRole('button');
        expect(await button.evaluate((b) => b.scrollWidth <= b.clientWidth), await button.innerText()).toBe(true);
      }
      // A row has as many cells in the accessibility tree as the header has columns.
      await expect(row(page, SEED.single).getByRole('gridcell')).toHaveCount(shown.length);
      await shot(page, theme, '40-900x600-pane-open');

      // The splitter is a Tab stop right after the table; focused, the whole line lights up as its ring.
      await grid(page).focus();
      for (let i = 0; i < 10 && !(await splitter(page).evaluate((e) => e === document.activeElement)); i++) await page.keyboard.press('Tab');
      await expect(splitter(page)).toBeFocused();
      await page.keyboard.press('Shift+ArrowLeft');
      await shot(page, theme, '44-900x600-splitter-focused');

      // Longer labels with several selected still fit (or wrap), nothing is dropped.
      await row(page, SEED.single).click({ modifiers: ['ControlOrMeta'] });
      await expectUnclipped(page.getByText('2 selected', { exact: true }));
      await expectUnclipped(page.getByRole('button', { name: 'Remove 2…' }));
      await expectUnclipped(page.getByRole('button', { name: /^Import/ }));
      await expectUnclipped(page.getByRole('button', { name: 'Prune…' }));
    });

    test(`under the width threshold the pane is a page, and Close or Escape goes back to the row (${theme})`, async ({ page, berth }) => {
      await page.setViewportSize({ width: 700, height: 600 });
      await openImages(page, berth.url, SEED.rows);
      await row(page, SEED.configured).click();
      await page.keyboard.press('Enter');
      await expect(pane(page).getByRole('heading', { name: SEED.configured })).toBeVisible();
      await expect(grid(page)).toBeHidden(); // covered, and out of the accessibility tree
      await expect(splitter(page)).toHaveCount(0);
      const box = (await pane(page).boundingBox())!;
      expect(box.x).toBeLessThan(100); // from the sidebar's edge, not beside a table
      await expect(page.getByRole('button', { name: 'Prune…' })).toBeHidden();
      // Focus moved onto the page's way back, and Tab goes on through the pane rather than into the hidden list.
      await expect(page.getByRole('button', { name: 'Back to images' })).toBeFocused();
      await shot(page, theme, '42-pane-as-page');
      for (let i = 0; i < 3; i++) {
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => !!document.activeElement?.closest('#detail-frame'))).toBe(true);
      }

      await pane(page).getByRole('button', { name: 'Close details' }).click();
      await expect(grid(page)).toBeVisible();
      await expectFocusOnRow(page, SEED.configured);

      await page.keyboard.press('Enter');
      await expect(pane(page).getByRole('heading', { name: SEED.configured })).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(pane(page)).toBeHidden();
      await expectFocusOnRow(page, SEED.configured);

      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Back to images' }).click();
      await expectFocusOnRow(page, SEED.configured);

      // Widening the window while the page is open puts the pane back beside the table, and narrowing again covers it.
      await page.keyboard.press('Enter');
      await page.setViewportSize({ width: 1100, height: 600 });
      await expect(grid(page)).toBeVisible();
      await expect(splitter(page)).toBeVisible();
      await page.setViewportSize({ width: 700, height: 600 });
      await expect(grid(page)).toBeHidden();
      await expect(pane(page)).toBeVisible();
    });

    test(`at 2560×1200 the space goes to the names (${theme})`, async ({ page, berth }) => {
      await page.setViewportSize({ width: 2560, height: 1200 });
      await openImages(page, berth.url, SEED.rows);
      expect(await headers(page)).toEqual(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
      const width = async (name: string) => (await grid(page).getByRole('columnheader', { name }).boundingBox())!.width;
      const [repository, tag, id, created, size] = await Promise.all(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'].map(width));
      expect(tag).toBeLessThanOrEqual(280.5); // a tag column is not stretched to hundreds of empty pixels
      expect(repository).toBeGreaterThan(1500);
      expect([id, created, size]).toEqual([132, 184, 88]);
      await row(page, SEED.configured).click();
      await shot(page, theme, '43-2560-wide');
      // Buttons inside a row (the cells and the row clip their overflow) draw their ring inside, whole.
      await page.keyboard.press('Shift+Tab'); // a keyboard interaction first, so programmatic focus shows its ring
      for (const button of await row(page, SEED.configured).getByRole('button').all()) {
        await button.focus();
        const ring = (await focusRing(page))!;
        expect(ring.kind, ring.what).not.toBe('none');
        expect(ring.contrast, ring.what).toBeGreaterThanOrEqual(3);
        expect(await clipping(button, ring.reach), ring.what).toBeNull();
      }
      await row(page, SEED.configured).focus(); // Enter on a row button would press that button
      await page.keyboard.press('Enter');
      await expect(pane(page).getByRole('tabpanel')).toContainText('seeded for e2e');
      expect(await valueNow(page)).toBe(460); // the default, not 45% of a huge window
      expect(await headers(page)).toEqual(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
    });

    test(`focus rings are whole and stand out; small text reaches 4.5:1 (${theme})`, async ({ page, berth }) => {
      await page.setViewportSize({ width: 900, height: 600 });
      await openImages(page, berth.url, SEED.rows);
      await row(page, SEED.configured).click();
      await page.keyboard.press('Enter');
      await expect(pane(page).getByRole('tabpanel')).toContainText('seeded for e2e');

      // Tab from the top of the page through every stop, once round.
      const images = await walkFocus(page);
      expect(images.seen.length).toBeGreaterThan(10); // the walk really went through the page
      for (const expected of ['Resize details', 'Prune…', 'Close details', 'REPOSITORY', 'Overview']) {
        expect(images.seen.some((what) => what.includes(expected)), expected).toBe(true);
      }
      expect(images.problems).toEqual([]);

      // The 11 px labels (nav, column headers, badges, status line) and anything smaller, here and on Tasks.
      const small = [...(await smallText(page, 12))];
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
      small.push(...(await smallText(page, 12)));
      expect(small.length).toBeGreaterThan(5);
      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
      small.push(...(await smallText(page, 12)));
      const settings = await walkFocus(page);
      expect(settings.seen.some((what) => what.includes('Check the store'))).toBe(true);
      expect(settings.problems).toEqual([]);
      expect(small.filter((text) => text.contrast < 4.5).map((t) => `${t.text} (${t.size}px) ${t.contrast.toFixed(2)}:1`)).toEqual([]);
    });
  });
}

test('the pane resizes by drag and by keyboard, and keeps its width across a reload and a smaller window', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await row(page, SEED.configured).dblclick();
  await expect(pane(page)).toBeVisible();
  const bar = splitter(page);
  await expect(bar).toHaveAttribute('aria-orientation', 'vertical');
  expect(await valueNow(page)).toBe(460);
  // 1280 − 68 px sidebar leaves 1212 px; the table keeps 400 of them.
  await expect(bar).toHaveAttribute('aria-valuemin', '320');
  await expect(bar).toHaveAttribute('aria-valuemax', '812');
  const paneWidth = async () => (await pane(page).boundingBox())!.width;
  expect(await paneWidth()).toBeCloseTo(460, 0);

  // Drag the line 120 px to the left: the pane grows by as much.
  const grip = (await bar.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + 200);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 - 60, grip.y + 200, { steps: 4 });
  await page.mouse.move(grip.x + grip.width / 2 - 120, grip.y + 200, { steps: 4 });
  await page.mouse.up();
  expect(await valueNow(page)).toBe(580);
  await expect.poll(paneWidth).toBeCloseTo(580, 0);
  // Dragging past the end stops at the table's minimum.
  await page.mouse.move(grip.x + grip.width / 2 - 120, grip.y + 200);
  await page.mouse.down();
  await page.mouse.move(10, grip.y + 200, { steps: 5 });
  await page.mouse.up();
  expect(await valueNow(page)).toBe(812);

  // Keyboard: the separator is a Tab stop; arrows move it by 16 px (Shift: 64), Home/End to the limits.
  await bar.focus();
  await page.keyboard.press('Home');
  expect(await valueNow(page)).toBe(320);
  await page.keyboard.press('ArrowLeft');
  expect(await valueNow(page)).toBe(336);
  await page.keyboard.press('Shift+ArrowLeft');
  expect(await valueNow(page)).toBe(400);
  await page.keyboard.press('ArrowRight');
  expect(await valueNow(page)).toBe(384);
  await page.keyboard.press('End');
  expect(await valueNow(page)).toBe(812);
  await page.keyboard.press('Home');
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
  expect(await valueNow(page)).toBe(480);
  await expect.poll(paneWidth).toBeCloseTo(480, 0);
  await expect(row(page, SEED.configured)).toHaveAttribute('aria-selected', 'true'); // the keys went to the separator only

  // The width survives a reload.
  await page.reload();
  await row(page, SEED.configured).dblclick();
  await expect(pane(page)).toBeVisible();
  expect(await valueNow(page)).toBe(480);

  // A smaller window clamps it (the table keeps its 400 px) and a larger one gives the chosen width back.
  await page.setViewportSize({ width: 900, height: 700 });
  await expect.poll(() => valueNow(page)).toBe(900 - 68 - 400);
  await expect(bar).toHaveAttribute('aria-valuemax', String(900 - 68 - 400));
  await page.setViewportSize({ width: 1280, height: 760 });
  await expect.poll(() => valueNow(page)).toBe(480);

  // Double-click resets to the default width.
  await bar.dblclick();
  await expect.poll(() => valueNow(page)).toBe(460);
});
