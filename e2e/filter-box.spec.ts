// The Images filter box speaks docker: `dangling=`, `label=`, `reference=`, `before=`/`since=` typed into it list
// what `berth images --filter` lists on the same store; plain words narrow; mistakes are explained inline.
import type { Page } from '@playwright/test';
import path from 'node:path';
import { repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { column, dataRows, openImages } from './support/images-page.js';
import { SEED } from './support/seed.js';

const filterBox = (page: Page) => page.getByRole('searchbox', { name: 'Filter images' });

/** What the table lists, as `REPOSITORY:TAG` (dangling rows as `<none>:<none>`), sorted. */
async function listed(page: Page): Promise<string[]> {
  const repos = await column(page, 0);
  const tags = await column(page, 1);
  return repos.map((repo, i) => `${repo}:${tags[i]}`).sort();
}

test('each docker filter lists what `berth images --filter` lists', async ({ page, berth }) => {
  test.setTimeout(60_000);
  await openImages(page, berth.url, SEED.rows);
  const danglingId = (await berth.cli('images', '-q', '--filter', 'dangling=true')).trim();
  const cases: string[][] = [
    ['dangling=true'],
    ['dangling=false'],
    ['label=org.example.role'],
    ['label=org.example.role=debug'],
    ['label=org.example.role=other'],
    ['reference=a*'],
    ['reference=*/*/*'],
    ['reference=a*', 'reference=zeta'],
    ['reference=*', 'label=org.example.role'],
    [`before=${SEED.single}`],
    [`since=${SEED.single}`],
    [`since=${SEED.configured}`, `before=${danglingId}`],
    [`since=${SEED.shared[1]}`, 'dangling=false'],
  ];
  for (const filters of cases) {
    const cli = await berth.cli('images', ...filters.flatMap((f) => ['--filter', f]), '--format', '{{.Repository}}:{{.Tag}}');
    const expected = cli.split('\n').filter(Boolean).sort();
    await filterBox(page).fill(filters.join(' '));
    if (expected.length === 0) {
      await expect(page.getByRole('heading', { name: 'No images match' }), filters.join(' ')).toBeVisible();
    } else {
      await expect(dataRows(page), filters.join(' ')).toHaveCount(expected.length);
      expect(await listed(page), filters.join(' ')).toEqual(expected);
    }
  }
  // Spot checks, so the comparison above cannot pass by both sides listing nothing or everything.
  await filterBox(page).fill('label=org.example.role=debug');
  expect(await listed(page)).toEqual([SEED.configured]);
  await filterBox(page).fill(`before=${SEED.single}`);
  expect(await listed(page)).toEqual([...SEED.shared].sort());
});

test('plain words all narrow, beside filters; dangling= overrides the Show dangling toggle', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await page.getByRole('checkbox', { name: 'Show dangling' }).uncheck();
  await expect(dataRows(page)).toHaveCount(SEED.tagged);
  await filterBox(page).fill('dangling=true');
  expect(await listed(page)).toEqual(['<none>:<none>']);
  await filterBox(page).fill('app');
  await expect(dataRows(page)).toHaveCount(2);
  await filterBox(page).fill('app latest');
  expect(await listed(page)).toEqual(['app:latest']);
  await filterBox(page).fill('reference=a* :3');
  expect(await listed(page)).toEqual(['alpine:3.19']);
});

test('the hint lists the filters; an unknown filter, a bad pattern or a missing image is explained', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const hint = page.getByRole('note', { name: 'Filter syntax' });
  const help = page.getByRole('button', { name: 'Filter syntax' });
  await expect(hint).toBeHidden();
  await help.click(); // straight to the "?", the box never focused: it opens, and stays open
  await expect(hint).toBeVisible();
  await help.click();
  await expect(hint).toBeHidden();
  await help.press('Enter'); // and from the keyboard
  await expect(hint).toBeVisible();
  await help.blur();
  await expect(hint).toBeHidden();
  await filterBox(page).focus();
  await expect(hint).toBeVisible();
  for (const kind of ['dangling=true|false', 'label=KEY[=VALUE]', 'reference=PATTERN', 'before=IMAGE', 'since=IMAGE']) {
    await expect(hint).toContainText(kind);
  }
  await expect(help).toHaveAttribute('aria-expanded', 'true');
  await expect(filterBox(page)).toHaveAccessibleDescription(/dangling=true\|false/);
  await filterBox(page).press('Escape'); // dismissed without moving focus
  await expect(hint).toBeHidden();
  await expect(filterBox(page)).toBeFocused();
  await help.click();
  await expect(hint).toBeVisible();
  await help.click();
  await expect(hint).toBeHidden();
  await expect(help).toHaveAttribute('aria-expanded', 'false');
  await help.blur(); // leaving the box forgets the choice: focus on the empty box shows the hint again
  await filterBox(page).focus();
  await expect(hint).toBeVisible();
  await page.keyboard.type('a');
  await expect(hint).toBeHidden();
  await help.click();
  await expect(hint).toBeVisible();
  await filterBox(page).press('Escape');
  await expect(hint).toBeHidden();
  await expect(filterBox(page)).toHaveValue('a');

  const alert = page.getByRole('alert');
  const cases: [string, RegExp][] = [
    ['color=red', /Unknown filter “color”\. Filters: dangling=, label=, reference=, before=, since=/],
    ['reference=[a', /syntax error in pattern "\[a"/],
    ['dangling=maybe', /use true or false/],
    ['since=no-such:1', /No such image: no-such:1/],
  ];
  for (const [typed, message] of cases) {
    await filterBox(page).fill(typed);
    await expect(alert).toHaveText(message);
    await expect(filterBox(page)).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('heading', { name: 'The filter cannot be used' })).toBeVisible();
  }
  await filterBox(page).fill('dangling=true');
  await expect(alert).toHaveCount(0);
  await expect(dataRows(page)).toHaveCount(1);
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of the hint, a filtered list and an error (${theme})`, async ({ page, berth }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await openImages(page, berth.url, SEED.rows);
    const shot = async (name: string) => {
      await page.waitForTimeout(250);
      await page.screenshot({ path: path.join(repoRoot, 'e2e-screenshots', `${theme}-${name}.png`) });
    };
    await filterBox(page).focus();
    await expect(page.getByRole('note', { name: 'Filter syntax' })).toBeVisible();
    await shot('20-filter-hint');
    await filterBox(page).fill(`reference=a* since=${SEED.shared[0]} label=org.example.role`);
    await expect(page.getByRole('heading', { name: 'No images match' })).toBeVisible();
    await filterBox(page).fill('reference=*/* reference=a* dangling=false');
    await expect(dataRows(page)).toHaveCount(3);
    await shot('21-filter-list');
    await filterBox(page).fill('colour=red');
    await expect(page.getByRole('alert')).toBeVisible();
    await shot('22-filter-error');
  });
}
