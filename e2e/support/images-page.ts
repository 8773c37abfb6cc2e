// Finding things on the Images page the way a user would: by role and name.
/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

export function grid(page: Page): Locator {
  return page.getByRole('grid', { name: 'Images' });
}

export function dataRows(page: Page): Locator {
  return grid(page).getByRole('row').filter({ has: page.getByRole('gridcell') });
}

export function row(page: Page, reference: string): Locator {
  const colon = reference.lastIndexOf(':');
  const [repository, tag] = colon > 0 && !reference.slice(colon).includes('/') ? [reference.slice(0, colon), reference.slice(colon + 1)] : [reference, 'latest'];
  return dataRows(page)
    .filter({ has: page.getByRole('gridcell', { name: repository, exact: true }) })
    .filter({ has: page.getByRole('gridcell', { name: tag, exact: true }) });
}

/** The text of one column, top to bottom, for the rows currently rendered. */
export async function column(page: Page, index: number): Promise<string[]> {
  return dataRows(page).evaluateAll(
    (rows, i) => rows.map((r) => (r.querySelectorAll('[role=gridcell]')[i] as HTMLElement).innerText.trim()),
    index,
  );
}

export async function openImages(page: Page, url: string, rows?: number): Promise<void> {
  await page.goto(url);
  await expect(grid(page)).toBeVisible();
  if (rows !== undefined) await expect(dataRows(page)).toHaveCount(rows);
}
