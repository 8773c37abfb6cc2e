// The inspect pane: overview, layers, config, the inspect JSON and the live `-f` template box.
import { expect, hostArch, test } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

test('Enter opens the selected image beside the list, with every tab filled', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await row(page, SEED.configured).click();
  await page.keyboard.press('Enter');
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await expect(pane).toBeVisible();
  await expect(pane.getByRole('heading', { name: SEED.configured })).toBeVisible();
  await expect(row(page, SEED.single)).toBeVisible(); // the list stays in view

  const panel = pane.getByRole('tabpanel');
  await expect(panel).toContainText(SEED.configured);
  await expect(panel).toContainText(`linux/${hostArch()}`);
  await expect(panel).toContainText('seeded for e2e');

  await pane.getByRole('tab', { name: 'Layers' }).click();
  await expect(pane.getByRole('tab', { name: 'Layers' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('list', { name: 'Layers' }).getByRole('listitem')).not.toHaveCount(0);

  await pane.getByRole('tab', { name: 'Config' }).click();
  await expect(panel).toContainText('FOO=bar');
  await expect(panel).toContainText('org.example.role');
  await expect(panel).toContainText('8080/tcp');
  await expect(panel).toContainText('/srv');
  await expect(panel).toContainText('nobody');
  await expect(panel).toContainText('["/bin/sh","-c","echo hi"]');

  await pane.getByRole('tab', { name: 'JSON' }).click();
  const json = JSON.parse((await panel.getByLabel('Inspect JSON').innerText()) as string) as Array<{ Id: string; RepoTags: string[] }>;
  const cli = JSON.parse(await berth.cli('inspect', SEED.configured)) as Array<{ Id: string; RepoTags: string[] }>;
  expect(json[0]!.Id).toBe(cli[0]!.Id);
  expect(json[0]!.RepoTags).toEqual(cli[0]!.RepoTags);

  // Selecting another row while the pane is open shows that image; Escape closes the pane.
  await row(page, SEED.single).click();
  await expect(pane.getByRole('heading', { name: SEED.single })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(pane).toBeHidden();
});

test('the template box evaluates as you type, like `berth inspect -f`, and shows errors inline', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await row(page, SEED.shared[0]).dblclick();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await pane.getByRole('tab', { name: 'JSON' }).click();
  const box = pane.getByRole('textbox', { name: 'Format template' });

  await box.fill('{{.Os}}/{{.Architecture}}');
  await expect(pane.getByLabel('Template result')).toHaveText(`linux/${hostArch()}`);

  const template = '{{len .RepoTags}} {{json .Config.Env}} {{.Id}}';
  await box.fill(template);
  const expected = (await berth.cli('inspect', '-f', template, SEED.shared[0])).replace(/\n$/, '');
  await expect(pane.getByLabel('Template result')).toHaveText(expected);
  expect(expected.startsWith('3 ')).toBe(true);

  await box.fill('{{.Os');
  await expect(pane.getByRole('alert').filter({ hasText: /template/i })).toBeVisible();
  await expect(pane.getByLabel('Template result')).toHaveCount(0);
  await box.fill('{{.NoSuchField}}');
  await expect(pane.getByLabel('Template error')).toContainText('NoSuchField');
});
