// The Images table: list, filter, sort and multi-select against a real store.
import { expect, test } from './support/fixtures.js';
import { column, dataRows, grid, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

test('lists every tag and the dangling image with docker columns', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const headers = await grid(page).getByRole('columnheader').allInnerTexts();
  expect(headers.map((h) => h.replace(/[▲▼]/g, '').trim())).toEqual(['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE']);
  for (const reference of [...SEED.shared, SEED.single, SEED.configured, SEED.big]) {
    await expect(row(page, reference)).toHaveCount(1);
  }
  await expect(dataRows(page).filter({ has: page.getByRole('gridcell', { name: '<none>', exact: true }) })).toHaveCount(1);

  // The three tags of one image share an ID; the short ID is what `berth images` prints.
  const cli = await berth.cli('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}');
  const alpineId = cli.split('\n').find((line) => line.startsWith('alpine:3.19 '))!.split(' ')[1]!;
  for (const reference of SEED.shared) {
    await expect(row(page, reference).getByRole('button', { name: `Copy image ID ${alpineId}` })).toBeVisible();
  }
  // Header: tags, dangling images, images and sizes, in words a docker user knows.
  const summary = page.getByLabel('Store summary');
  await expect(summary).toContainText(`${SEED.tagged} tags, ${SEED.rows - SEED.tagged} dangling`);
  await expect(summary).toContainText('5 images');
  await expect(summary).toContainText('Sum of sizes');
  await expect(summary).toContainText('Unique layers');
  await expect(summary).not.toContainText('rows');
  await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText(berth.store);
});

test('filters by name, tag or ID; Ctrl+F focuses the box; dangling can be hidden', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await grid(page).click({ position: { x: 5, y: 40 } });
  await page.keyboard.press('Control+f');
  const filter = page.getByRole('searchbox', { name: 'Filter images' });
  await expect(filter).toBeFocused();
  await page.keyboard.type('app');
  await expect(dataRows(page)).toHaveCount(2); // example.com/team/app:1.0, app:latest
  await filter.fill('busybox');
  await expect(dataRows(page)).toHaveCount(1);
  const id = (await berth.cli('images', '-q', SEED.configured)).trim();
  await filter.fill(id.slice(0, 6));
  await expect(row(page, SEED.configured)).toBeVisible();
  await filter.fill('no-such-image');
  await expect(page.getByRole('heading', { name: 'No images match' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(dataRows(page)).toHaveCount(SEED.rows);

  await page.getByRole('checkbox', { name: 'Show dangling' }).uncheck();
  await expect(dataRows(page)).toHaveCount(SEED.tagged);
});

test('sorts by any column, both ways, and says so with aria-sort', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const repoHeader = grid(page).getByRole('columnheader', { name: 'REPOSITORY' });
  await repoHeader.getByRole('button').click();
  await expect(repoHeader).toHaveAttribute('aria-sort', 'ascending');
  const names = (await column(page, 0)).filter((name) => name !== '<none>');
  expect(await column(page, 0)).toEqual([...[...names].sort((a, b) => a.localeCompare(b)), '<none>']);
  await repoHeader.getByRole('button').click();
  await expect(repoHeader).toHaveAttribute('aria-sort', 'descending');
  expect(await column(page, 0)).toEqual([...[...names].sort((a, b) => b.localeCompare(a)), '<none>']); // <none> stays last

  const sizeHeader = grid(page).getByRole('columnheader', { name: 'SIZE' });
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(repoHeader).toHaveAttribute('aria-sort', 'none');
  expect((await column(page, 0))[0]).toBe('zeta'); // the 2.5 MB one
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'ascending');
  expect((await column(page, 0)).at(-1)).toBe('zeta');

  const tagHeader = grid(page).getByRole('columnheader', { name: 'TAG' });
  await tagHeader.getByRole('button').click();
  await expect(tagHeader).toHaveAttribute('aria-sort', 'ascending');
  const tags = (await column(page, 1)).filter((tag) => tag !== '<none>');
  // Numeric order, as a person reads versions: 0.1 < 1.0 < 1.36 < 3.19 < dev < latest.
  expect(tags).toEqual([...tags].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
});

test('right-aligned columns have their header flush with the numbers, sorted or not', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const rightEdges = () =>
    grid(page).evaluate((table) => {
      const textRight = (element: Element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return Math.round(range.getBoundingClientRect().right);
      };
      return ['cell-created', 'cell-size'].map((name) => {
        const label = [...table.querySelectorAll(`[role=columnheader].${name} .sort-button`)][0]!.firstChild!;
        const labelRange = document.createRange();
        labelRange.selectNode(label);
        const mark = table.querySelector(`[role=columnheader].${name} .sort-mark`)!;
        const headerRight = Math.max(Math.round(labelRange.getBoundingClientRect().right), mark.textContent ? textRight(mark) : 0);
        return { column: name, header: headerRight, cell: textRight(table.querySelector(`[role=row] [role=gridcell].${name} span`)!) };
      });
    });
  for (const edge of await rightEdges()) expect(Math.abs(edge.header - edge.cell), edge.column).toBeLessThanOrEqual(2);
  await grid(page).getByRole('columnheader', { name: 'SIZE' }).getByRole('button').click();
  for (const edge of await rightEdges()) expect(Math.abs(edge.header - edge.cell), edge.column).toBeLessThanOrEqual(2);
});

test('selects with click, shift-click and ctrl-click', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await grid(page).getByRole('columnheader', { name: 'REPOSITORY' }).getByRole('button').click();
  const rows = dataRows(page);
  const selected = grid(page).locator('[role=row][aria-selected=true]');

  await rows.nth(1).click();
  await expect(selected).toHaveCount(1);
  await rows.nth(4).click({ modifiers: ['Shift'] });
  await expect(selected).toHaveCount(4);
  await expect(page.getByLabel('Store summary')).toContainText('4 selected');
  await rows.nth(2).click({ modifiers: ['ControlOrMeta'] });
  await expect(selected).toHaveCount(3);
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'false');
  await rows.nth(6).click({ modifiers: ['ControlOrMeta'] });
  await expect(selected).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Remove 4…' })).toBeEnabled();
  await rows.nth(0).click();
  await expect(selected).toHaveCount(1);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await expect(selected).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(rows.nth(2)).toHaveAttribute('aria-selected', 'true');
});

test('the tab shows Berth’s icon and a title for each page and for the open image', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await expect(page).toHaveTitle('Images — Berth');
  const icon = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel=icon]');
    if (!link) return null;
    const response = await fetch(link.href);
    return { status: response.status, type: response.headers.get('content-type') };
  });
  expect(icon).toEqual({ status: 200, type: 'image/svg+xml' });

  await row(page, SEED.single).click();
  await page.keyboard.press('Enter');
  await expect(page).toHaveTitle(`${SEED.single} — Berth`);
  const pages = page.getByRole('navigation', { name: 'Pages' });
  await pages.getByRole('button', { name: /^Tasks/ }).click();
  await expect(page).toHaveTitle('Tasks — Berth');
  await pages.getByRole('button', { name: 'Settings' }).click();
  await expect(page).toHaveTitle('Settings — Berth');
});
