// The detail pane's polish (issue 8, items 5 and 8): WAI-ARIA tabs, long values that wrap at separators and expand,
// one created time, find / fold / colours in the JSON tab and a copy button on the template result.
/// <reference lib="dom" />
import type { Locator, Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { repoRoot } from './support/cli.js';
import { expect, test, type BerthFixture } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';
import { rootfs } from './support/tar.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;

const LONG = {
  name: 'labels/long:1',
  url: 'https://github.com/example-organisation/a-very-long-repository-name/tree/main/deploy/kubernetes/overlays/production',
  key: 'com.example.build.pipeline.configuration-reference',
  description:
    'A deliberately long description label, the kind that image authors paste from a README: it runs for several lines in the pane, so the pane shows its first lines and offers to show all of it, which a user can open and close again from the keyboard.',
};

/** Imports an image whose labels are long: a URL, a long key and a long description. */
async function seedLongLabels(berth: BerthFixture): Promise<void> {
  const tarball = path.join(path.dirname(berth.store), 'long-labels.tar');
  await writeFile(tarball, await rootfs('long-labels', 1_000));
  await berth.cli(
    'import',
    '-c', `LABEL org.opencontainers.image.source=${LONG.url}`,
    '-c', `LABEL ${LONG.key}=ci/pipelines/release.yaml`,
    '-c', `LABEL org.opencontainers.image.description="${LONG.description}"`,
    '-c', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/opt/toolchain/very/long/path/bin',
    tarball,
    LONG.name,
  );
}

async function openDetail(page: Page, url: string, reference: string, rows: number = SEED.rows): Promise<Locator> {
  await openImages(page, url, rows);
  await row(page, reference).dblclick();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await expect(pane.getByRole('heading', { name: reference })).toBeVisible();
  return pane;
}

async function shot(page: Page, theme: string, name: string): Promise<void> {
  await page.waitForTimeout(250); // let the pane's transition settle
  await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
}

/**
 * Where the browser wrapped `element`'s text: for each line after the first, the characters around the break. Read
 * from the layout itself (each character's box), so it shows what the user sees.
 */
async function lineBreaks(element: Locator): Promise<Array<[string, string]>> {
  return element.evaluate((root) => {
    const chars: Array<{ ch: string; top: number }> = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (let i = 0; i < text.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect) chars.push({ ch: text[i]!, top: Math.round(rect.top) });
      }
    }
    const breaks: Array<[string, string]> = [];
    for (let i = 1; i < chars.length; i++) if (chars[i]!.top > chars[i - 1]!.top + 2) breaks.push([chars[i - 1]!.ch, chars[i]!.ch]);
    return breaks;
  });
}

test('the tabs follow the WAI-ARIA pattern: one Tab stop, arrows and Home/End select, the panel is labelled by its tab', async ({ page, berth }) => {
  const pane = await openDetail(page, berth.url, SEED.configured);
  const tabs = pane.getByRole('tab');
  const panel = pane.getByRole('tabpanel');
  // The tabs this image has (Registry only for a pulled image); the last one is where End and wrapping land.
  const names = await tabs.allTextContents();
  expect(names.slice(0, 5)).toEqual(['Overview', 'Layers', 'Files', 'Config', 'JSON']);
  const lastTab = names.at(-1)!;
  await expect(pane.getByRole('tab', { name: 'Overview' })).toHaveAttribute('tabindex', '0');
  for (const name of names.slice(1)) await expect(pane.getByRole('tab', { name })).toHaveAttribute('tabindex', '-1');

  // Tab from the header's last button lands on the selected tab, and the next Tab leaves the tab list.
  await pane.getByRole('button', { name: 'Close details' }).focus();
  await page.keyboard.press('Tab');
  await expect(pane.getByRole('tab', { name: 'Overview' })).toBeFocused();

  const expectSelected = async (name: string) => {
    const tab = pane.getByRole('tab', { name });
    await expect(tab).toBeFocused();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(tab).toHaveAttribute('tabindex', '0');
    await expect(panel).toHaveAccessibleName(name);
  };
  await page.keyboard.press('ArrowRight');
  await expectSelected('Layers');
  await expect(panel.getByRole('list', { name: 'Layers' })).toBeVisible(); // automatic activation: the panel follows
  await page.keyboard.press('End');
  await expectSelected(lastTab);
  await page.keyboard.press('ArrowRight'); // wraps to the first
  await expectSelected('Overview');
  await page.keyboard.press('ArrowLeft'); // and back round to the last
  await expectSelected(lastTab);
  await page.keyboard.press('Home');
  await expectSelected('Overview');
  await expect(pane.getByRole('tab', { name: lastTab })).toHaveAttribute('tabindex', '-1');

  // Overview holds copy buttons, so Tab goes to the first of them; Config holds nothing focusable, so the panel
  // itself is the next Tab stop.
  await expect(panel).not.toHaveAttribute('tabindex');
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: /^Copy image ID/ })).toBeFocused();
  await pane.getByRole('tab', { name: 'Overview' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight'); // Layers, Files, Config
  await expectSelected('Config');
  await expect(panel).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('Tab');
  await expect(panel).toBeFocused();
});

test('the Overview shows one created time, relative as in the table, with the exact time on hover', async ({ page, berth }) => {
  const pane = await openDetail(page, berth.url, SEED.configured);
  const panel = pane.getByRole('tabpanel');
  const iso = (JSON.parse(await berth.cli('inspect', SEED.configured)) as Array<{ Created: string }>)[0]!.Created;
  const created = panel.locator(`[title*="(${iso})"]`);
  await expect(created).toHaveCount(1);
  await expect(created).toHaveText(/ ago$/);
  await expect(created).toHaveAttribute('title', await page.evaluate((value) => `${new Date(value).toLocaleString()} (${value})`, iso));
  // The exact time is on hover only, not printed a second time beside it.
  await expect(panel).not.toContainText(await page.evaluate((value) => new Date(value).toLocaleString(), iso));
  await expect(panel).not.toContainText(iso);
});

test('long labels wrap at separators, keep key and value apart, and open with "Show all"', async ({ page, berth }) => {
  await seedLongLabels(berth);
  const pane = await openDetail(page, berth.url, LONG.name, SEED.rows + 1);
  await pane.getByRole('tab', { name: 'Config' }).click();
  const panel = pane.getByRole('tabpanel');
  const labels = panel.locator('.kv-list');
  await expect(labels).toContainText(LONG.url);

  const url = labels.getByRole('definition').filter({ hasText: LONG.url });
  const urlBreaks = await lineBreaks(url);
  expect(urlBreaks.length).toBeGreaterThan(0); // it is long enough to wrap at 1280 px
  for (const [before] of urlBreaks) expect('/.-_:=').toContain(before);
  const key = labels.getByRole('term').filter({ hasText: LONG.key });
  for (const [before] of await lineBreaks(key)) expect('/.-_:=').toContain(before);

  // Room to read: at 1280 px the key sits beside its value; nothing scrolls sideways.
  const keyBox = (await labels.getByRole('term').filter({ hasText: 'org.opencontainers.image.source' }).boundingBox())!;
  const valueBox = (await url.boundingBox())!;
  expect(valueBox.x).toBeGreaterThan(keyBox.x + keyBox.width);
  expect(Math.abs(valueBox.y - keyBox.y)).toBeLessThan(4);
  expect(await panel.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);

  // The long description shows its first lines, then all of it on request, then the first lines again.
  const description = labels.getByRole('definition').filter({ hasText: 'deliberately long' });
  const clampedHeight = (await description.boundingBox())!.height;
  const more = description.getByRole('button', { name: 'Show all of org.opencontainers.image.description' });
  await expect(more).toHaveAttribute('aria-expanded', 'false');
  await more.focus();
  await page.keyboard.press('Enter');
  const less = description.getByRole('button', { name: 'Show less of org.opencontainers.image.description' });
  await expect(less).toHaveAttribute('aria-expanded', 'true');
  expect((await description.boundingBox())!.height).toBeGreaterThan(clampedHeight + 20);
  await less.click();
  await expect(more).toBeVisible();
  // A short label has nothing to open.
  await expect(labels.getByRole('definition').filter({ hasText: 'ci/pipelines/release.yaml' }).getByRole('button')).toHaveCount(0);

  // Narrow (900 x 600): the key goes above its value, and the URL still breaks only at separators.
  await page.setViewportSize({ width: 900, height: 600 });
  await expect
    .poll(async () => {
      const [k, v] = [await labels.getByRole('term').filter({ hasText: 'org.opencontainers.image.source' }).boundingBox(), await url.boundingBox()];
      return v!.y > k!.y + k!.height - 1 && Math.abs(v!.x - k!.x) < 2;
    })
    .toBe(true);
  for (const [before] of await lineBreaks(url)) expect('/.-_:=').toContain(before);
  expect(await panel.evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);
});

test('Ctrl+F inside the JSON tab searches the JSON: n of m, Enter and Shift+Enter step and wrap, the match is in view', async ({ page, berth }) => {
  const pane = await openDetail(page, berth.url, SEED.configured);
  await pane.getByRole('tab', { name: 'JSON' }).click();
  const code = pane.getByLabel('Inspect JSON');
  const search = pane.getByRole('searchbox', { name: 'Search the JSON' });
  const count = pane.locator('.json-search-count');

  // Right after choosing the tab (focus still on it), find already means the JSON's search.
  await expect(search).toBeVisible();
  await expect(pane.getByRole('tab', { name: 'JSON' })).toBeFocused();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(search).toBeFocused();
  await search.blur();
  await code.getByText('"Architecture"').click();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(search).toBeFocused();
  await expect(page.getByRole('searchbox', { name: 'Filter images' })).not.toBeFocused();

  const text = await code.innerText();
  const expected = text.match(/null/gi)!.length;
  expect(expected).toBeGreaterThan(5);
  await page.keyboard.type('NULL');
  await expect(count).toHaveText(`1 of ${expected}`);
  await expect(code.locator('mark.json-match')).toHaveCount(expected);
  await expect(code.locator('mark.current')).toHaveText('null');

  await page.keyboard.press('Enter');
  await expect(count).toHaveText(`2 of ${expected}`);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter'); // before the first: wraps to the last
  await expect(count).toHaveText(`${expected} of ${expected}`);
  await expect(code.locator('mark.current')).toBeInViewport();
  await page.keyboard.press('Enter'); // after the last: wraps to the first
  await expect(count).toHaveText(`1 of ${expected}`);
  await pane.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText(`2 of ${expected}`);
  await pane.getByRole('button', { name: 'Previous match' }).click();
  await expect(count).toHaveText(`1 of ${expected}`);

  await search.fill('no such text anywhere');
  await expect(count).toHaveText('No matches');
  await expect(pane.getByRole('button', { name: 'Next match' })).toBeDisabled();

  // Escape clears the search and leaves the pane open; outside the JSON tab Ctrl+F is the page's filter again.
  await search.press('Escape');
  await expect(search).toHaveValue('');
  await expect(pane).toBeVisible();
  await pane.getByRole('tab', { name: 'Overview' }).click();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(search).toHaveCount(0);
  await expect(page.getByRole('searchbox', { name: 'Filter images' })).toBeFocused();
});

test('objects and arrays fold from a chevron, by mouse and by keyboard; Fold all and Expand all; search unfolds', async ({ page, berth }) => {
  const pane = await openDetail(page, berth.url, SEED.configured);
  await pane.getByRole('tab', { name: 'JSON' }).click();
  const code = pane.getByLabel('Inspect JSON');
  const config = code.getByRole('button', { name: /^\.\[0\]\.Config, \d+ keys$/ });
  const env = code.getByRole('button', { name: /^\.\[0\]\.Config\.Env, 1 item$/ });

  await expect(code).toContainText('"FOO=bar"');
  await config.click();
  await expect(config).toHaveAttribute('aria-expanded', 'false');
  await expect(code).not.toContainText('"FOO=bar"');
  await expect(code).toContainText(/"Config": \{…\},\s+\d+ keys/);
  await config.click();
  await expect(code).toContainText('"FOO=bar"');

  // Keyboard: the chevrons are one Tab stop; Down moves, Left folds, Right unfolds, Left on a folded one goes up.
  await expect(code.getByRole('button').and(code.locator('[tabindex="0"]'))).toHaveCount(1);
  await code.getByRole('button', { name: 'The whole document, 1 item' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(code.getByRole('button', { name: /^\.\[0\], \d+ keys$/ })).toBeFocused();
  while (!(await env.evaluate((element) => element === document.activeElement))) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await expect(env).toHaveAttribute('aria-expanded', 'false');
  await expect(code).not.toContainText('"FOO=bar"');
  await page.keyboard.press('ArrowLeft');
  await expect(config).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.press('Home');
  await expect(code.getByRole('button', { name: 'The whole document, 1 item' })).toBeFocused();
  await env.focus();
  await page.keyboard.press('ArrowRight');
  await expect(env).toHaveAttribute('aria-expanded', 'true');
  await expect(code).toContainText('"FOO=bar"');

  // Fold all leaves the image's top-level keys; a search for something folded away unfolds what hides it.
  await pane.getByRole('button', { name: 'Fold all' }).click();
  await expect(config).toHaveAttribute('aria-expanded', 'false');
  await expect(code).toContainText('"Id": "sha256:');
  await expect(code).not.toContainText('"Labels"');
  await page.keyboard.press('ControlOrMeta+f');
  await page.keyboard.type('org.example.role');
  await expect(pane.locator('.json-search-count')).toHaveText('1 of 1');
  await expect(code.locator('mark.current')).toHaveText('org.example.role');
  await expect(code.locator('mark.current')).toBeInViewport();
  await expect(config).toHaveAttribute('aria-expanded', 'true');
  await expect(code.getByRole('button', { name: /^\.\[0\]\.Config\.Labels,/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(env).toHaveAttribute('aria-expanded', 'false'); // only what hid the match opened
  await pane.getByRole('button', { name: 'Expand all' }).click();
  const json = JSON.parse(await code.innerText()) as unknown;
  expect(json).toEqual(JSON.parse(await berth.cli('inspect', SEED.configured)));
});

test('folds and the search stay on their nodes when the image changes underneath (a tag added by the CLI)', async ({ page, berth }) => {
  const pane = await openDetail(page, berth.url, SEED.configured);
  await pane.getByRole('tab', { name: 'JSON' }).click();
  const code = pane.getByLabel('Inspect JSON');
  const env = code.getByRole('button', { name: /^\.\[0\]\.Config\.Env,/ });
  await env.click();
  await expect(env).toHaveAttribute('aria-expanded', 'false');
  await pane.getByRole('searchbox', { name: 'Search the JSON' }).fill('nobody');
  await expect(pane.locator('.json-search-count')).toHaveText('1 of 1');

  await berth.cli('tag', SEED.configured, 'tools/debug:second'); // one more line in RepoTags, above Config
  await expect(code).toContainText('"tools/debug:second"');
  await expect(env).toHaveAttribute('aria-expanded', 'false');
  await expect(code.getByRole('button', { name: /^\.\[0\]\.Config,/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(code.getByRole('button', { name: /^\.\[0\]\.RepoTags,/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(pane.locator('.json-search-count')).toHaveText('1 of 1');
  await expect(code.locator('mark.current')).toHaveText('nobody');
});

test('the JSON is docker inspect, coloured by token, and Copy JSON copies it whole', async ({ page, context, berth }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const pane = await openDetail(page, berth.url, SEED.configured);
  await pane.getByRole('tab', { name: 'JSON' }).click();
  const code = pane.getByLabel('Inspect JSON');
  const cli = await berth.cli('inspect', SEED.configured);
  expect(await code.innerText()).toBe(cli.replace(/\n$/, ''));
  const colour = (selector: string) => code.locator(selector).first().evaluate((element) => getComputedStyle(element).color);
  const colours = new Set(await Promise.all(['.json-key', '.json-string', '.json-number', '.json-boolean', '.json-null'].map(colour)));
  expect(colours.size).toBe(5);

  await pane.getByRole('button', { name: 'Copy JSON' }).click();
  await expect(pane.getByRole('button', { name: 'Copy JSON' })).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(cli.replace(/\n$/, ''));
});

test('the template result has a copy button that copies the rendered text and says Copied', async ({ page, context, berth }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const pane = await openDetail(page, berth.url, SEED.shared[0]);
  await pane.getByRole('tab', { name: 'JSON' }).click();
  const template = '{{range .RepoTags}}{{println .}}{{end}}';
  await pane.getByRole('textbox', { name: 'Format template' }).fill(template);
  const expected = await berth.cli('inspect', '-f', template, SEED.shared[0]);
  const copy = pane.getByRole('button', { name: 'Copy the template output' });
  await page.keyboard.press('Tab');
  while (!(await copy.evaluate((element) => element === document.activeElement))) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(copy).toContainText('Copied');
  // The CLI ends with the newline docker adds after the template's own output.
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected.replace(/\n$/, ''));
  await expect(copy).toContainText('Copy', { timeout: 4_000 });
  await expect(copy).not.toContainText('Copied');

  // An error has nothing to copy.
  await pane.getByRole('textbox', { name: 'Format template' }).fill('{{.Nope');
  await expect(copy).toHaveCount(0);
});

for (const theme of THEMES) {
  test(`screenshots: JSON search, folded JSON, long labels, template copied (${theme})`, async ({ page, context, berth }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await seedLongLabels(berth);
    const pane = await openDetail(page, berth.url, SEED.configured, SEED.rows + 1);
    await pane.getByRole('tab', { name: 'JSON' }).click();
    await pane.getByLabel('Inspect JSON').getByText('"Architecture"').click();
    await page.keyboard.press('ControlOrMeta+f');
    await page.keyboard.type('sh');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(pane.locator('.json-search-count')).toHaveText(/^3 of \d+$/);
    await shot(page, theme, '60-json-search');

    await pane.getByRole('searchbox', { name: 'Search the JSON' }).fill('');
    await pane.getByRole('button', { name: 'Fold all' }).click();
    await pane.getByRole('button', { name: /^\.\[0\]\.Config,/ }).click();
    // Back onto Config from the keyboard, so the picture shows the chevrons' focus ring.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await expect(pane.getByRole('button', { name: /^\.\[0\]\.Config,/ })).toBeFocused();
    await page.mouse.move(0, 0);
    await shot(page, theme, '61-json-folded');

    await pane.getByRole('textbox', { name: 'Format template' }).fill('{{range .RepoTags}}{{println .}}{{end}}');
    await pane.getByRole('button', { name: 'Copy the template output' }).click();
    await expect(pane.getByRole('button', { name: 'Copy the template output' })).toContainText('Copied');
    await shot(page, theme, '63-template-copied');

    await row(page, LONG.name).getByRole('gridcell').first().click(); // the name, not the ID cell's copy button
    await pane.getByRole('tab', { name: 'Config' }).click();
    await expect(pane.getByRole('tabpanel')).toContainText(LONG.url);
    await pane.getByRole('button', { name: /^Show all of org.opencontainers.image.description/ }).click();
    await shot(page, theme, '62-long-labels');
    await page.setViewportSize({ width: 900, height: 600 });
    await pane.getByRole('button', { name: /^Show less of org.opencontainers.image.description/ }).click();
    await shot(page, theme, '64-long-labels-900');
  });
}
