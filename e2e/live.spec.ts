// The page follows the store when the CLI changes it, within a second.
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

test('a tag made by the CLI appears within a second; an rmi disappears', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await berth.cli('tag', SEED.single, 'live/from-cli:now');
  const landed = Date.now();
  await expect(row(page, 'live/from-cli:now')).toBeVisible({ timeout: 1_000 });
  test.info().annotations.push({ type: 'latency', description: `${Date.now() - landed} ms after the CLI exited` });

  await berth.cli('rmi', 'live/from-cli:now');
  await expect(row(page, 'live/from-cli:now')).toHaveCount(0, { timeout: 1_000 });
  await expect(dataRows(page)).toHaveCount(SEED.rows);
});

test('an open detail pane follows a CLI change to its image', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await row(page, SEED.single).dblclick();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await expect(pane.getByRole('tabpanel')).toContainText(SEED.single);
  await berth.cli('tag', SEED.single, 'busybox:second');
  await expect(pane.getByRole('tabpanel')).toContainText('busybox:second', { timeout: 1_000 });
});
