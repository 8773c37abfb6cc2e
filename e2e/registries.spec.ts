// The Registries page against a real htpasswd registry (docker-registry on loopback): log in (a refusal shown in
// the dialog, nothing saved), test the connection, a login the command line then uses (one credentials file for
// both), log out; a login from docker's config listed read-only, refused on test, logged in again. Berth's and
// docker's config folders are the test's own, never the real home. Screenshots 90-94 in both themes.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCli } from '../electron/core/testing/cli.js';
import { REGISTRY_PASSWORD, REGISTRY_USER, startRegistry, type Registry } from '../electron/core/testing/registry.js';
import { pushTestImage } from '../electron/core/testing/registry-seed.js';
import { repoRoot, serve, type Served } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { clipping, focusRing, smallText } from './support/visual-checks.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;

let registry: Registry;
let work: string;
let served: Served;
let env: Record<string, string>;

test.beforeAll(async () => {
  registry = await startRegistry({ auth: 'htpasswd' });
  await pushTestImage(registry, 'team/private', ['1'], [randomBytes(10_000)]);
});

test.afterAll(async () => {
  await registry?.stop();
});

test.beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-registries-'));
  await mkdir(path.join(work, 'docker'));
  env = { BERTH_CONFIG: path.join(work, 'config', 'settings.json'), DOCKER_CONFIG: path.join(work, 'docker'), HOME: path.join(work, 'home') };
  served = await serve(path.join(work, 'store'), { config: env.BERTH_CONFIG, env });
});

test.afterEach(async () => {
  await served?.stop();
  await rm(work, { recursive: true, force: true });
});

async function shots(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(200); // the dialog's entrance
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function openRegistries(page: Page): Promise<void> {
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Registries' }).click();
  await expect(page.getByRole('heading', { name: 'Registries', level: 1 })).toBeVisible();
  await expect(page).toHaveTitle('Registries — Berth');
}

const loginDialog = (page: Page) => page.getByRole('dialog', { name: 'Log in to a registry' });
const card = (page: Page) => page.getByRole('listitem', { name: registry.host });

test('log in (a wrong password refused in the dialog), test the connection, pull from the CLI, log out', async ({ page }) => {
  test.setTimeout(60_000);
  await openRegistries(page);
  await expect(page.getByRole('heading', { name: 'No registry logins' })).toBeVisible();
  await shots(page, '90-registries-empty');

  await page.getByRole('button', { name: 'Log in…' }).first().click();
  const dialog = loginDialog(page);
  await expect(dialog.getByRole('textbox', { name: 'Registry' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Registry' }).fill(registry.host);
  await dialog.getByRole('textbox', { name: 'User name' }).fill(REGISTRY_USER);
  await dialog.getByLabel('Password or access token').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText(`login attempt to http://${registry.host}/v2/ failed with status: 401 Unauthorized`);
  await expect(dialog).toBeVisible();
  await expect(stat(path.join(work, 'config', 'auth.json'))).rejects.toThrow(/ENOENT/);
  await shots(page, '91-registries-login-refused');

  await dialog.getByLabel('Password or access token').fill(REGISTRY_PASSWORD);
  await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: `Logged in to ${registry.host} as ${REGISTRY_USER}` })).toBeVisible();
  await expect(card(page)).toContainText(`Logged in as ${REGISTRY_USER}`);
  await expect(card(page)).toContainText('Berth');
  await expect(card(page)).toContainText(path.join(work, 'config', 'auth.json'));
  expect((await stat(path.join(work, 'config', 'auth.json'))).mode & 0o777).toBe(0o600);
  // The page never holds the secret.
  expect(await page.content()).not.toContain(REGISTRY_PASSWORD);

  await card(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(card(page).getByRole('status')).toHaveText(`${registry.host} answers and accepts the login of ${REGISTRY_USER}`);
  await page.getByRole('status').filter({ hasText: 'Logged in to' }).waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  await shots(page, '92-registries-logged-in');

  // One credentials file for the app and the command line: the CLI pulls with the login made here.
  const pulled = await runCli(['pull', '-q', `${registry.host}/team/private:1`], { store: path.join(work, 'cli-store'), env });
  expect(pulled.stderr).toBe('');
  expect(pulled.stdout).toBe(`${registry.host}/team/private:1\n`);

  await card(page).getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Logged out of ${registry.host}` })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No registry logins' })).toBeVisible();
  expect(JSON.parse(await readFile(path.join(work, 'config', 'auth.json'), 'utf8'))).toEqual({ auths: {} });
});

test("a login from docker's config: listed read-only, refused on test, logged in again with Berth", async ({ page }) => {
  test.setTimeout(60_000);
  const config = path.join(work, 'docker', 'config.json');
  await writeFile(config, JSON.stringify({ auths: { [`https://${registry.host}`]: { auth: Buffer.from(`${REGISTRY_USER}:expired-token`).toString('base64') } } }));
  await openRegistries(page);
  await expect(card(page)).toContainText("Docker's config");
  await expect(card(page)).toContainText(`from ${config}`);
  await expect(card(page).getByRole('button', { name: 'Log out' })).toHaveCount(0);
  await expect(card(page)).toContainText(`docker logout ${registry.host}`);

  await card(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(card(page).getByRole('status')).toContainText(`${registry.host} refused the saved login`);
  await shots(page, '93-registries-docker-login-refused');

  await page.setViewportSize({ width: 900, height: 600 });
  await card(page).getByRole('button', { name: 'Log in again' }).click();
  const dialog = loginDialog(page);
  await expect(dialog.getByRole('textbox', { name: 'Registry' })).toHaveValue(registry.host);
  await expect(dialog.getByRole('textbox', { name: 'User name' })).toHaveValue(REGISTRY_USER);
  await expect(dialog.getByLabel('Password or access token')).toBeFocused();
  await page.keyboard.type(REGISTRY_PASSWORD);
  await shots(page, '94-registries-login-again-900x600');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  // Berth's login now wins over docker's, whose file is left as it was.
  await expect(card(page)).toContainText('Berth');
  await expect(card(page).getByRole('button', { name: 'Log out' })).toBeVisible();
  await card(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(card(page).getByRole('status')).toContainText('accepts the login');
  expect(await readFile(config, 'utf8')).toContain('https://');
});

test('the page reads well in both themes: small text contrast, named controls, visible focus rings', async ({ page }) => {
  test.setTimeout(60_000);
  await writeFile(path.join(work, 'docker', 'config.json'), JSON.stringify({ auths: { 'old.example.test': { auth: Buffer.from('someone:pw').toString('base64') } } }));
  await runCli(['login', '-u', REGISTRY_USER, '--password-stdin', registry.host], { store: path.join(work, 'store'), env, input: REGISTRY_PASSWORD });
  await openRegistries(page);
  await card(page).getByRole('button', { name: 'Test connection' }).click();
  await expect(card(page).getByRole('status')).toContainText('accepts the login');
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    const small = await smallText(page, 13);
    expect(small.length).toBeGreaterThan(5);
    expect(small.filter((t) => t.contrast < 4.5).map((t) => `${theme}: ${t.text} (${t.size}px) ${t.contrast.toFixed(2)}:1`)).toEqual([]);
    const snapshot = await page.locator('main').ariaSnapshot();
    expect(snapshot.split('\n').filter((line) => /^\s*- (button|textbox)(\s*\[[^\]]*\])*:?\s*$/.test(line))).toEqual([]);
    // Tab from the page's first action through the cards' buttons: each shows a ring that stands out and is not cut.
    // Onto it by keyboard, so it shows its :focus-visible ring (a programmatic focus after a click would not).
    await page.getByRole('button', { name: 'Log in…' }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const problems: string[] = [];
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const ring = await focusRing(page);
      if (ring) {
        seen.push(ring.what);
        if (ring.kind === 'none' || ring.contrast < 3) problems.push(`${theme}: ${ring.what} ring ${ring.kind} ${ring.contrast.toFixed(2)}:1`);
        const cut = await clipping(page.locator(':focus'), ring.reach);
        if (cut) problems.push(`${theme}: ${ring.what} ${cut}`);
      }
      await page.keyboard.press('Tab');
    }
    expect(seen.some((what) => what.includes('Log out'))).toBe(true);
    expect(problems).toEqual([]);
  }
});
