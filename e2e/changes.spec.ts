// Changing the store from the page: tag, remove (with its confirmation), prune.
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

test('tags an image through the tag dialog', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await row(page, SEED.single).click();
  await page.getByRole('button', { name: 'Tag…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Tag image' });
  await dialog.getByRole('textbox', { name: 'New name' }).fill('not a valid name!');
  await expect(dialog.getByText('invalid reference format')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Tag', exact: true })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'New name' }).fill('mirror.local/busybox:copy');
  await dialog.getByRole('button', { name: 'Tag', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'mirror.local/busybox:copy')).toBeVisible();
  await expect(dataRows(page)).toHaveCount(SEED.rows + 1);
  const cli = await berth.cli('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}');
  const ids = cli.trim().split('\n').filter((line) => /^(busybox:1\.36|mirror\.local\/busybox:copy) /.test(line)).map((line) => line.split(' ')[1]);
  expect(ids).toHaveLength(2);
  expect(ids[0]).toBe(ids[1]);
});

test('removes after a confirmation that names what goes; Cancel keeps everything', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await row(page, SEED.single).click();
  await row(page, SEED.shared[1]).click({ modifiers: ['ControlOrMeta'] });
  await page.keyboard.press('Delete');
  let dialog = page.getByRole('dialog', { name: 'Remove 2 images?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`Delete image`);
  await expect(dialog).toContainText(SEED.single);
  await expect(dialog).toContainText(`Untag ${SEED.shared[1]}`);
  await expect(dialog).toContainText('stays, still tagged');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(dataRows(page)).toHaveCount(SEED.rows);

  await page.getByRole('button', { name: 'Remove 2…' }).click();
  dialog = page.getByRole('dialog', { name: 'Remove 2 images?' });
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row(page, SEED.single)).toHaveCount(0);
  await expect(row(page, SEED.shared[1])).toHaveCount(0);
  await expect(row(page, SEED.shared[0])).toHaveCount(1);
  const cli = await berth.cli('images', '--format', '{{.Repository}}:{{.Tag}}');
  expect(cli).not.toContain(SEED.single);
  expect(cli).not.toContain(SEED.shared[1]);
  expect(cli).toContain(SEED.shared[0]);
});

test('removing every tag of a shared ID deletes the image, and says so', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  for (const reference of SEED.shared) await row(page, reference).click({ modifiers: ['ControlOrMeta'] });
  await page.getByRole('button', { name: 'Remove 3…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove image?' });
  await expect(dialog).toContainText('All 3 of its tags are selected, so they all go and the image is deleted with them.');
  await dialog.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(dataRows(page)).toHaveCount(SEED.rows - 3);
  expect(await berth.cli('images', '--format', '{{.Repository}}')).not.toContain('alpine');
});

test('prunes dangling images after a confirmation', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await page.getByRole('button', { name: 'Prune…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Prune the store?' });
  await expect(dialog).toContainText('1 dangling image');
  await dialog.getByRole('button', { name: 'Prune', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(dataRows(page)).toHaveCount(SEED.tagged);
});
