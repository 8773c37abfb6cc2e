// Every control on every page has an accessible name (brief §8), read from the accessibility tree itself.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

const CONTROLS = ['button', 'textbox', 'searchbox', 'checkbox', 'combobox', 'tab', 'link', 'radio', 'switch', 'slider', 'spinbutton'];

/** Lines of the page's ARIA snapshot that are a control without a name, e.g. `- button` or `- textbox [disabled]`. */
async function unnamedControls(page: Page): Promise<string[]> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const unnamed = new RegExp(`^\\s*- (${CONTROLS.join('|')})(\\s*\\[[^\\]]*\\])*:?\\s*$`);
  return snapshot.split('\n').filter((line) => unnamed.test(line));
}

test('every control on every page has an accessible name', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const seen: Record<string, string[]> = {};
  const check = async (where: string) => {
    seen[where] = await unnamedControls(page);
  };
  await check('images');

  await row(page, SEED.configured).dblclick();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  for (const tab of ['Overview', 'Layers', 'Files', 'Config', 'JSON']) {
    await pane.getByRole('tab', { name: tab }).click();
    await expect(pane.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await check(`detail ${tab}`);
  }
  await page.getByRole('button', { name: 'Tag…' }).click();
  await check('tag dialog');
  await page.getByRole('dialog').getByRole('textbox', { name: 'New name' }).fill(SEED.single);
  await expect(page.getByRole('dialog').getByRole('checkbox')).toBeVisible();
  await check('tag dialog, moving a tag');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.keyboard.press('Delete');
  await check('remove dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Prune…' }).click();
  await check('prune dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByLabel('Root filesystem tarball to import').setInputFiles({ name: 'rootfs.tar', mimeType: 'application/x-tar', buffer: Buffer.alloc(1024) });
  await expect(page.getByRole('dialog', { name: 'Import rootfs.tar' })).toBeVisible();
  await check('import dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

  const pages = page.getByRole('navigation', { name: 'Pages' });
  await pages.getByRole('button', { name: /^Tasks/ }).click();
  await expect(page.getByRole('heading', { name: 'Tasks', exact: true })).toBeVisible();
  await check('tasks');
  await pages.getByRole('button', { name: 'Settings' }).click();
  await check('settings');

  expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((where) => [where, []])));
});
