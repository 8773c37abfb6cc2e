// Importing in the browser shell: the upload is a task from its first byte (bytes, percent, Cancel), the dialog
// refuses bad -c lines before uploading anything, a cancel reads as cancelled, and "Show" opens the new image.
/// <reference lib="dom" />
import { test as base, expect, type CDPSession, type Page } from '@playwright/test';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { berth, repoRoot, serve } from './support/cli.js';
import { dataRows, grid, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';
import { rootfs } from './support/tar.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;

interface Served {
  url: string;
  cli(...args: string[]): Promise<string>;
  /** The server's TMPDIR: its private upload folder (berth-uploads-*) is made in here, and nothing else. */
  tmp: string;
  /** A folder for the test's own files (the tarballs it picks). */
  work: string;
}

/** A seeded store behind its own `berth serve`, whose upload folder the test can look into. */
const test = base.extend<{ served: Served }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; it has none
  served: async ({}, use) => {
    const work = await mkdtemp(path.join(tmpdir(), 'berth-e2e-upload-'));
    const store = path.join(work, 'store');
    const tmp = path.join(work, 'tmp');
    await mkdir(tmp);
    const seed = process.env.BERTH_E2E_SEED;
    if (!seed) throw new Error('BERTH_E2E_SEED is not set: the global setup did not run');
    await cp(seed, store, { recursive: true });
    const server = await serve(store, { config: path.join(work, 'config', 'settings.json'), env: { TMPDIR: tmp } });
    // Should the server die mid-test, say why (the page would only show "Connection lost").
    server.process.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`berth serve: ${chunk.toString()}`));
    try {
      await use({ url: server.url, cli: (...args) => berth(store, args), tmp, work });
    } finally {
      await server.stop();
      await rm(work, { recursive: true, force: true });
    }
  },
});

/** Every file in the server's upload folder: empty unless an upload is under way or waiting to be imported. */
async function uploadFiles(served: Served): Promise<string[]> {
  const folders = (await readdir(served.tmp)).filter((name) => name.startsWith('berth-uploads-'));
  expect(folders).toHaveLength(1);
  return readdir(path.join(served.tmp, folders[0]!));
}

/** A tarball of about `megabytes` MB on disk, picked through the page's file input as a user would. */
async function pick(page: Page, served: Served, name: string, megabytes: number): Promise<void> {
  const file = path.join(served.work, name);
  await writeFile(file, await rootfs(name, megabytes * 1_000_000));
  await page.getByLabel('Root filesystem tarball to import').setInputFiles(file);
}

/**
 * Holds uploads to `bytesPerSecond`, so the test sees them under way (loopback would be done at once). Only POST
 * /upload where Chromium can throttle by URL: the page's WebSocket keeps its full speed, as it would on a real link.
 */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const conditions = { latency: 0, downloadThroughput: -1, uploadThroughput: bytesPerSecond };
  try {
    await cdp.send('Network.emulateNetworkConditionsByRule' as 'Network.emulateNetworkConditions', {
      offline: false,
      matchedNetworkConditions: [{ urlPattern: 'http://127.0.0.1:*/upload', ...conditions }],
    } as never);
  } catch {
    // An older Chromium: throttle everything.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
  }
  return cdp;
}

async function shots(page: Page, name: string): Promise<void> {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const tasksNav = (page: Page) => page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ });

test('an upload is a task from its first byte, with bytes and percent, then the import; Show opens the image', async ({ page, served }) => {
  test.setTimeout(90_000);
  await openImages(page, served.url, SEED.rows);
  await pick(page, served, 'notes.tar', 40);
  const dialog = page.getByRole('dialog', { name: 'Import notes.tar' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('notes/app:1');
  await throttleUploads(page, 5_000_000);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();

  // The dialog follows the upload: bytes of the total and a percentage, long before the last byte.
  const uploadBar = dialog.getByRole('progressbar', { name: 'Upload progress' });
  await expect(dialog.getByText('Uploading notes.tar to Berth…')).toBeVisible();
  await expect(dialog.getByText(/^[\d.]+[kMG]?B of 40MB · \d+%$/)).toBeVisible();
  await expect.poll(async () => Number(await uploadBar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  expect(Number(await uploadBar.getAttribute('aria-valuenow'))).toBeLessThan(60);
  await shots(page, '73-upload-dialog');

  // It carries on without the dialog, as a task in Tasks, named as the import will be.
  await dialog.getByRole('button', { name: 'Continue in background' }).click();
  await tasksNav(page).click();
  const task = page.getByRole('listitem', { name: /^Import notes\.tar as docker\.io\/notes\/app:1: / });
  await expect(task).toHaveAccessibleName(/: Uploading$/);
  await expect(task.getByText(/^[\d.]+[kMG]?B \/ 40MB · \d+%$/)).toBeVisible();
  await expect(task.getByText(/^[\d.]+[kMG]?B\/s$/)).toBeVisible(); // and how fast it goes
  const taskBar = task.getByRole('progressbar');
  expect(Number(await taskBar.getAttribute('aria-valuenow'))).toBeLessThan(80);
  await shots(page, '70-upload-progress');

  // The same entry becomes the import, and ends done: one task for the user, never two.
  await expect(task).toHaveAccessibleName(/: Done$/, { timeout: 30_000 });
  await expect(page.getByRole('listitem', { name: /^Import notes\.tar/ })).toHaveCount(1);
  await expect(task.getByText(/^Uploaded 40MB$/)).toBeVisible();
  expect(await uploadFiles(served)).toEqual([]); // imported, then deleted

  // "Show" in the toast: the Images page, the new row selected and open in the pane.
  const toast = page.getByRole('status').filter({ hasText: 'finished' });
  await toast.getByRole('button', { name: 'Show the imported image' }).click();
  const newRow = row(page, 'notes/app:1');
  await expect(newRow).toHaveAttribute('aria-selected', 'true');
  await expect(newRow).toBeInViewport();
  const pane = page.getByRole('complementary', { name: 'Image details' });
  await expect(pane).toContainText('notes/app:1');
});

test('"Show" scrolls a long list to the imported image', async ({ page, served }) => {
  test.setTimeout(90_000);
  for (let i = 10; i < 32; i++) await served.cli('tag', SEED.single, `m${i}/filler:1`);
  await openImages(page, served.url, SEED.rows + 22);
  // Sorted by name, the new "zz/notes" comes last: far below the first screen.
  await grid(page).getByRole('columnheader', { name: 'REPOSITORY' }).getByRole('button').click();
  await pick(page, served, 'small.tar', 1);
  const dialog = page.getByRole('dialog', { name: 'Import small.tar' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('zz/notes:2');
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(dataRows(page).first()).toBeVisible();
  await expect(row(page, 'zz/notes:2')).not.toBeInViewport();
  await page.getByRole('status').filter({ hasText: 'finished' }).getByRole('button', { name: 'Show the imported image' }).click();
  const newRow = row(page, 'zz/notes:2');
  await expect(newRow).toBeInViewport();
  await expect(newRow).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('complementary', { name: 'Image details' })).toContainText('zz/notes:2');
  await expect(newRow).toBeFocused(); // the grid's roving Tab stop, so the keyboard carries on from there
});

test('cancelling mid-upload reads as cancelled, stores nothing and leaves no partial file', async ({ page, served }) => {
  test.setTimeout(90_000);
  await openImages(page, served.url, SEED.rows);
  await pick(page, served, 'notes.tar', 40);
  const dialog = page.getByRole('dialog', { name: 'Import notes.tar' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('cancelled/app:1');
  await throttleUploads(page, 4_000_000);
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  const cancelledToast = page.locator('.toast').filter({ hasText: 'Cancelled: Import notes.tar' });

  /** Starts the upload and waits until a tenth of it is on the server's disk, streamed as it arrives. */
  async function uploadATenth() {
    await importButton.click();
    const uploadBar = dialog.getByRole('progressbar', { name: 'Upload progress' });
    await expect.poll(async () => Number(await uploadBar.getAttribute('aria-valuenow')), { timeout: 10_000 }).toBeGreaterThanOrEqual(10);
    await expect.poll(async () => (await uploadFiles(served)).length).toBe(1);
  }

  // From the dialog: it says so itself, neutrally, once (no toast, no red alert), and stays open to try again.
  await uploadATenth();
  await dialog.getByRole('button', { name: 'Cancel upload' }).click();
  await expect(dialog.getByRole('status')).toHaveText(/^Cancelled\. Nothing was imported/);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(importButton).toBeEnabled();
  await expect.poll(() => uploadFiles(served), { timeout: 2_000 }).toEqual([]); // the partial upload went at once
  await expect(cancelledToast).toHaveCount(0);

  // From Tasks, with the dialog gone: the toast tells, in the neutral tone and with the word.
  await uploadATenth();
  await dialog.getByRole('button', { name: 'Continue in background' }).click();
  await tasksNav(page).click();
  const tasks = page.getByRole('listitem', { name: /^Import notes\.tar as docker\.io\/cancelled\/app:1: / });
  await expect(tasks).toHaveCount(2);
  await tasks.first().getByRole('button', { name: /^Cancel / }).click();
  await expect(cancelledToast).toBeVisible();
  await expect(cancelledToast).toHaveAttribute('role', 'status');
  await expect(cancelledToast).not.toHaveClass(/toast-error/);
  await expect.poll(() => uploadFiles(served), { timeout: 2_000 }).toEqual([]);

  // Both entries: "Cancelled", a grey bar, no error box, nothing red.
  for (const task of await tasks.all()) {
    await expect(task).toHaveAccessibleName(/: Cancelled$/);
    await expect(task.getByRole('alert')).toHaveCount(0);
    await expect(task.getByText('Nothing was imported')).toBeVisible();
    const colors = await task.evaluate((item) => {
      const probe = document.body.appendChild(document.createElement('span'));
      probe.style.color = 'var(--danger)';
      const danger = getComputedStyle(probe).color;
      probe.remove();
      return { danger, state: getComputedStyle(item.querySelector('.task-state')!).color, fill: getComputedStyle(item.querySelector('.progress-fill')!).backgroundColor };
    });
    expect(colors.danger).toMatch(/^rgb/);
    expect(colors.state).not.toBe(colors.danger);
    expect(colors.fill).not.toBe(colors.danger);
  }
  await shots(page, '72-cancelled-task');

  // Nothing in the store.
  expect((await served.cli('images', '-q', 'cancelled/app')).trim()).toBe('');
});

test('a bad -c line blocks the import before any upload, with the reason beside the field', async ({ page, served }) => {
  await openImages(page, served.url, SEED.rows);
  await pick(page, served, 'notes.tar', 2);
  const dialog = page.getByRole('dialog', { name: 'Import notes.tar' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('checked/app:1');
  const changes = dialog.getByRole('textbox', { name: 'Changes' });
  const importButton = dialog.getByRole('button', { name: 'Import', exact: true });
  await changes.fill('ENV MODE=checked\n\nRUN make install');
  await expect(dialog.getByText(/^Line 3: run is not a valid change command \(allowed: CMD, ENTRYPOINT, .*WORKDIR\)$/)).toBeVisible();
  await expect(changes).toHaveAttribute('aria-invalid', 'true');
  await expect(changes).toHaveAccessibleDescription(/^Line 3: run is not a valid change command \(allowed: /);
  await expect(importButton).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Platform' }).fill('linux/amd64/v9/x');
  await expect(dialog.getByText(/^invalid platform "linux\/amd64\/v9\/x"/)).toBeVisible();
  await shots(page, '71-import-invalid-change');
  // Enter in a field does not get past the check either.
  await dialog.getByRole('textbox', { name: 'Name' }).press('Enter');
  await expect(dialog.getByText('Uploading notes.tar to Berth…')).toHaveCount(0);
  expect(await uploadFiles(served)).toEqual([]);
  await expect(tasksNav(page)).toHaveAccessibleName('Tasks');

  // Fixed, the import goes through with the change applied.
  await dialog.getByRole('textbox', { name: 'Platform' }).fill('');
  await changes.fill('ENV MODE=checked\n\nCMD ["/bin/true"]');
  await expect(dialog.getByText(/run is not a valid change command/)).toHaveCount(0);
  await expect(changes).not.toHaveAttribute('aria-invalid', 'true');
  await importButton.click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  const inspect = JSON.parse(await served.cli('inspect', 'checked/app:1')) as Array<{ Config: { Env: string[]; Cmd: string[] } }>;
  expect(inspect[0]!.Config.Env).toContain('MODE=checked');
  expect(inspect[0]!.Config.Cmd).toEqual(['/bin/true']);
});
