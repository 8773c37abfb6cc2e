// Settings › Registries: mirrors, insecure registries, default platform and parallel downloads edited in the app,
// checked as typed (errors name the field), saved to settings.json and read back by the CLI, whose `berth pull` of
// a docker.io name then goes through the saved mirror (a loopback registry: nothing ever reaches Docker Hub).
// Screenshots 95 in both themes.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startRegistry, type Registry } from '../electron/core/testing/registry.js';
import { pushTestImage, type SeededImage } from '../electron/core/testing/registry-seed.js';
import { cliPath, repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
let registry: Registry;
let mirrored: SeededImage;

test.beforeAll(async () => {
  registry = await startRegistry();
  mirrored = await pushTestImage(registry, 'library/berth-e2e-mirrored', ['1'], [randomBytes(30_000)]);
});

test.afterAll(async () => {
  await registry?.stop();
});

/** The settings file `berth serve` of this test reads (the fixture's private config folder). */
const settingsFile = (store: string) => path.join(path.dirname(store), 'config', 'settings.json');

/** The CLI with the same settings file as the app's server. */
function cli(store: string, ...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [cliPath, '--store', store, ...args], { env: { ...process.env, BERTH_CONFIG: settingsFile(store) } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`berth ${args.join(' ')}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Registries' })).toBeVisible();
}

const form = (page: Page) => page.getByRole('form', { name: 'Registry settings' });

test('registry settings are checked as typed, saved to settings.json, and the CLI pulls through the saved mirror', async ({ page, berth }) => {
  test.setTimeout(60_000);
  await openImages(page, berth.url, SEED.rows);
  await openSettings(page);
  const settings = form(page);
  const save = settings.getByRole('button', { name: 'Save' });
  await expect(save).toBeDisabled();

  // A mirror without a scheme is refused as typed, naming what is wrong.
  const newMirror = settings.getByRole('textbox', { name: 'New mirror' });
  await newMirror.fill(registry.host);
  await expect(settings).toContainText(`"${registry.host}" has no scheme`);
  await expect(settings.getByRole('button', { name: 'Add mirror' })).toBeDisabled();
  // Two mirrors, then reordered: the loopback registry first.
  await newMirror.fill('https://mirror.invalid');
  await newMirror.press('Enter');
  await newMirror.fill(registry.url);
  await settings.getByRole('button', { name: 'Add mirror' }).click();
  await settings.getByRole('button', { name: `Move ${registry.url} up` }).click();
  await expect(settings.getByRole('textbox', { name: 'mirror 1' })).toHaveValue(registry.url);
  await settings.getByRole('button', { name: 'Remove https://mirror.invalid' }).click();

  const newInsecure = settings.getByRole('textbox', { name: 'New registry' });
  await newInsecure.fill('http://registry.lan');
  await expect(settings).toContainText('should not contain a scheme');
  await newInsecure.fill('10.20.0.0/16');
  await newInsecure.press('Enter');
  await newInsecure.fill('registry.lan:5000');
  await newInsecure.press('Enter');

  const platform = settings.getByRole('textbox', { name: 'Default platform' });
  await platform.fill('linux');
  await expect(settings).toContainText('"linux" is not os/arch[/variant]');
  await expect(save).toBeDisabled();
  await platform.fill('linux/arm64/v8');
  const parallel = settings.getByRole('spinbutton', { name: 'Parallel downloads' });
  await parallel.fill('20');
  await expect(settings).toContainText('Parallel downloads must be a whole number from 1 to 16');
  await expect(parallel).toHaveAttribute('aria-invalid', 'true');
  await parallel.fill('6');
  await expect(settings.getByRole('status')).toHaveText('Unsaved changes');

  await save.click();
  await expect(settings.getByRole('status')).toContainText('Saved to settings.json');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(OUT, `${theme}-95-registry-settings.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // On disk, as the CLI and dockerd-minded people read it.
  const written = JSON.parse(await readFile(settingsFile(berth.store), 'utf8')) as Record<string, unknown>;
  expect(written).toEqual({ registryMirrors: [registry.url], insecureRegistries: ['10.20.0.0/16', 'registry.lan:5000'], platform: 'linux/arm64/v8', parallelDownloads: 6 });

  // A reload shows what was saved.
  await page.reload();
  await openSettings(page);
  await expect(form(page).getByRole('textbox', { name: 'mirror 1' })).toHaveValue(registry.url);
  await expect(form(page).getByRole('spinbutton', { name: 'Parallel downloads' })).toHaveValue('6');

  // The CLI reads the same file: a docker.io name comes through the mirror (checked above to be the loopback
  // registry, so this can never reach Docker Hub) and keeps its docker.io name. The single-platform test image
  // carries no platform, so the linux/arm64/v8 default does not stand in its way.
  await form(page).getByRole('textbox', { name: 'Default platform' }).fill('');
  await form(page).getByRole('button', { name: 'Save' }).click();
  await expect(form(page).getByRole('status')).toContainText('Saved');
  const out = await cli(berth.store, 'pull', 'berth-e2e-mirrored:1');
  expect(out).toContain(`Digest: ${mirrored.manifestDigest}`);
  expect(out).toContain('docker.io/library/berth-e2e-mirrored:1');
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Images/ }).click();
  await expect(row(page, 'berth-e2e-mirrored:1')).toBeVisible();
});

test('an error from the core is shown under the field it names, and nothing is saved', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await openSettings(page);
  const settings = form(page);
  await settings.getByRole('spinbutton', { name: 'Parallel downloads' }).fill('4');
  // Meanwhile the file was edited by hand into something no save may bless: the core names the key at fault, and
  // the page shows it under that field.
  await mkdir(path.dirname(settingsFile(berth.store)), { recursive: true });
  await writeFile(settingsFile(berth.store), JSON.stringify({ platform: 'linux/z80/v1/x' }));
  await settings.getByRole('button', { name: 'Save' }).click();
  const platformField = settings.locator('label.field', { has: page.getByRole('textbox', { name: 'Default platform' }) });
  await expect(platformField.locator('.field-problem')).toContainText('"platform" must be');
  await expect(settings.getByRole('textbox', { name: 'Default platform' })).toHaveAttribute('aria-invalid', 'true');
  expect(JSON.parse(await readFile(settingsFile(berth.store), 'utf8'))).toEqual({ platform: 'linux/z80/v1/x' });
});
