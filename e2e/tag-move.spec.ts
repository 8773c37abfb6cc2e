// Naming never silently takes a tag from another image: the tag and import dialogs check the name as it is typed
// (docker's rules, docker's words), and moving a name that points at another image needs the user's yes.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import path from 'node:path';
import { repoRoot } from './support/cli.js';
import { expect, test, type BerthFixture } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';
import { rootfs } from './support/tar.js';

/** `repo:tag` → short image ID, and the short IDs of the dangling images, from the CLI. */
async function ids(berth: BerthFixture): Promise<{ tagged: Map<string, string>; dangling: string[] }> {
  const lines = (await berth.cli('images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}')).trim().split('\n');
  const tagged = new Map<string, string>();
  const dangling: string[] = [];
  for (const line of lines) {
    const [name, id] = line.split(' ') as [string, string];
    if (name === '<none>:<none>') dangling.push(id);
    else tagged.set(name, id);
  }
  return { tagged, dangling };
}

async function openTagDialog(page: Page, source: string) {
  await row(page, source).click();
  await page.getByRole('button', { name: 'Tag…' }).click();
  return page.getByRole('dialog', { name: 'Tag image' });
}

test('an invalid name shows docker\'s reason as it is typed and disables Tag', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const dialog = await openTagDialog(page, SEED.single);
  const name = dialog.getByRole('textbox', { name: 'New name' });
  const tag = dialog.getByRole('button', { name: 'Tag', exact: true });

  await name.fill('Busybox:copy');
  await expect(dialog).toContainText('Image names must be lowercase: “Busybox” has capitals');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription(/must be lowercase/);
  await expect(tag).toBeDisabled();

  await name.fill('busybox:-copy');
  await expect(dialog).toContainText('tag "-copy" in "busybox:-copy" must be 1 to 128 letters');
  await expect(tag).toBeDisabled();

  await name.fill(`busybox@sha256:${'a'.repeat(64)}`);
  await expect(dialog).toContainText('refusing to create a tag with a digest reference');
  await expect(tag).toBeDisabled();

  await name.fill('');
  await expect(tag).toBeDisabled();

  await name.fill('busybox:copy');
  await expect(name).toHaveAttribute('aria-invalid', 'false');
  await expect(tag).toBeEnabled();
  await expect(dialog.getByRole('checkbox')).toHaveCount(0);
  await tag.click();
  await expect(dialog).toBeHidden();
  await expect(row(page, 'busybox:copy')).toBeVisible();
});

test('moving a name from another image names it, asks, and keeps its other tags', async ({ page, berth }) => {
  const before = await ids(berth);
  const shared = before.tagged.get(SEED.shared[0])!;
  const single = before.tagged.get(SEED.single)!;
  await openImages(page, berth.url, SEED.rows);
  const dialog = await openTagDialog(page, SEED.single);
  await dialog.getByRole('textbox', { name: 'New name' }).fill(SEED.shared[2]);

  await expect(dialog).toContainText(`${SEED.shared[2]} already names image ${shared}. Tagging moves the name to this image.`);
  await expect(dialog).toContainText(`Image ${shared} keeps its other tags ${SEED.shared[0]}, ${SEED.shared[1]}.`);
  const move = dialog.getByRole('button', { name: 'Move tag', exact: true });
  const confirm = dialog.getByRole('checkbox', { name: `Move ${SEED.shared[2]} from image ${shared}` });
  await expect(move).toBeDisabled();
  await confirm.check();
  await expect(move).toBeEnabled();

  // Another name asks again; coming back asks again too.
  await dialog.getByRole('textbox', { name: 'New name' }).fill(SEED.shared[0]);
  await expect(dialog.getByRole('checkbox', { name: `Move ${SEED.shared[0]} from image ${shared}` })).not.toBeChecked();
  await dialog.getByRole('textbox', { name: 'New name' }).fill(SEED.shared[2]);
  await expect(confirm).not.toBeChecked();
  await expect(move).toBeDisabled();
  await confirm.check();
  await move.click();
  await expect(dialog).toBeHidden();

  await expect(dataRows(page)).toHaveCount(SEED.rows);
  const after = await ids(berth);
  expect(after.tagged.get(SEED.shared[2])).toBe(single);
  expect(after.tagged.get(SEED.shared[0])).toBe(shared);
  expect(after.dangling).toEqual(before.dangling);
});

test('moving an image\'s last tag says it becomes <none>, and it does', async ({ page, berth }) => {
  const before = await ids(berth);
  const big = before.tagged.get(SEED.big)!;
  const single = before.tagged.get(SEED.single)!;
  await openImages(page, berth.url, SEED.rows);
  const dialog = await openTagDialog(page, SEED.single);
  await dialog.getByRole('textbox', { name: 'New name' }).fill(SEED.big);

  await expect(dialog).toContainText(`It is that image's only tag: image ${big} stays in the store as <none>:<none>.`);
  await expect(dialog.getByRole('button', { name: 'Move tag', exact: true })).toBeDisabled();
  // Enter does not get round the question.
  await dialog.getByRole('textbox', { name: 'New name' }).press('Enter');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('checkbox', { name: `Move ${SEED.big} from image ${big}` }).check();
  await dialog.getByRole('button', { name: 'Move tag', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(dataRows(page)).toHaveCount(SEED.rows + 1);
  const dangling = dataRows(page).filter({ hasText: big });
  await expect(dangling).toHaveCount(1);
  await expect(dangling.getByRole('gridcell', { name: '<none>', exact: true })).toHaveCount(2);
  const after = await ids(berth);
  expect(after.tagged.get(SEED.big)).toBe(single);
  expect(after.dangling.sort()).toEqual([...before.dangling, big].sort());
});

test('the import dialog checks its name and asks before taking a tag', async ({ page, berth }) => {
  const before = await ids(berth);
  const single = before.tagged.get(SEED.single)!;
  await openImages(page, berth.url, SEED.rows);
  await page.getByLabel('Root filesystem tarball to import').setInputFiles({
    name: 'next.tar', mimeType: 'application/x-tar', buffer: Buffer.from(await rootfs('next', 20_000)),
  });
  const dialog = page.getByRole('dialog', { name: 'Import next.tar' });
  const name = dialog.getByRole('textbox', { name: 'Name' });
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await expect(importButton).toBeEnabled(); // no name: an untagged image

  await name.fill('busybox:1.36:x');
  await expect(dialog).toContainText('invalid reference format');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(importButton).toBeDisabled();

  await name.fill(SEED.single);
  await expect(dialog).toContainText(`${SEED.single} already names image ${single}. Importing moves the name to the imported image.`);
  await expect(dialog).toContainText(`image ${single} stays in the store as <none>:<none>`);
  await expect(importButton).toBeDisabled();
  await dialog.getByRole('checkbox', { name: `Move ${SEED.single} from image ${single}` }).check();
  await importButton.click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });

  await expect(dataRows(page)).toHaveCount(SEED.rows + 1);
  const after = await ids(berth);
  expect(after.tagged.get(SEED.single)).not.toBe(single);
  expect(after.dangling.sort()).toEqual([...before.dangling, single].sort());
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshot of the tag-move warning (${theme})`, async ({ page, berth }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await openImages(page, berth.url, SEED.rows);
    const dialog = await openTagDialog(page, SEED.single);
    await dialog.getByRole('textbox', { name: 'New name' }).fill(SEED.big);
    await expect(dialog.getByRole('checkbox')).toBeVisible();
    await page.waitForTimeout(250); // let the dialog settle, as screenshots.spec.ts does
    await page.screenshot({ path: path.join(repoRoot, 'e2e-screenshots', `${theme}-08-tag-move-warning.png`) });
  });
}
