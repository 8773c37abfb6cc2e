// Import by dropping a tarball on the window: overlay, dialog, progress, the new row, the task.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { dataRows, openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';
import { rootfs } from './support/tar.js';

/** Fires dragenter/dragover/drop on the window with a real File made of `bytes`, as a user's drop does. */
async function dropFile(page: Page, name: string, bytes: Uint8Array, phase: 'enter' | 'drop'): Promise<void> {
  await page.evaluate(
    ({ name, base64, phase }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type: 'application/x-tar' }));
      const fire = (type: string) => document.body.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      if (phase === 'enter') {
        fire('dragenter');
        fire('dragover');
      } else {
        fire('drop');
      }
    },
    { name, base64: Buffer.from(bytes).toString('base64'), phase },
  );
}

test('dropping a root filesystem tarball imports it with progress', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  const tarball = await rootfs('dropped', 6_000_000);

  await dropFile(page, 'dropped-rootfs.tar', tarball, 'enter');
  await expect(page.getByText('Drop tarballs to load or import')).toBeVisible();
  await dropFile(page, 'dropped-rootfs.tar', tarball, 'drop');
  await expect(page.getByText('Drop tarballs to load or import')).toBeHidden();

  const dialog = page.getByRole('dialog', { name: 'Import dropped-rootfs.tar' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('dropped/app:2.0');
  await dialog.getByRole('textbox', { name: 'Changes' }).fill('ENV MODE=dropped\nCMD ["/bin/true"]');
  await dialog.getByRole('textbox', { name: 'Message' }).fill('dropped in the browser');

  // Record every value the import progress bar shows, however briefly.
  await page.evaluate(() => {
    const seen: Array<string | null> = [];
    (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role=progressbar][aria-label="Import progress"]');
      if (bar) seen.push(bar.getAttribute('aria-valuenow'));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(row(page, 'dropped/app:2.0')).toBeVisible();
  await expect(dataRows(page)).toHaveCount(SEED.rows + 1);

  const seen = await page.evaluate(() => (window as unknown as { progressSeen: Array<string | null> }).progressSeen);
  expect(seen.length).toBeGreaterThan(0); // the bar was on screen
  const values = seen.filter((v): v is string => v !== null).map(Number);
  expect(values).toEqual([...values].sort((a, b) => a - b)); // and only moved forward

  // The task: done, full bar; a toast said so.
  await expect(page.getByRole('status').filter({ hasText: 'finished' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
  const task = page.getByRole('listitem').filter({ hasText: 'Done' }).first();
  await expect(task).toBeVisible();
  await expect(task.getByRole('progressbar').first()).toHaveAttribute('aria-valuenow', '100');

  const inspect = JSON.parse(await berth.cli('inspect', 'dropped/app:2.0')) as Array<{ Comment: string; Config: { Env: string[]; Cmd: string[] } }>;
  expect(inspect[0]!.Comment).toBe('dropped in the browser');
  expect(inspect[0]!.Config.Env).toContain('MODE=dropped');
  expect(inspect[0]!.Config.Cmd).toEqual(['/bin/true']);
});

test('a file that is no tar archive is refused before any upload; a cut-short one fails in plain words, once', async ({ page, berth }) => {
  await openImages(page, berth.url, SEED.rows);
  await dropFile(page, 'notes.txt', new TextEncoder().encode('this is not a tar archive at all'.repeat(40)), 'drop');
  const notes = page.getByRole('dialog', { name: 'Import notes.txt' });
  await expect(notes.getByRole('alert')).toHaveText('notes.txt is not a tar archive: import needs a root filesystem as a tar archive (.tar, or .tar.gz, .tar.xz, .tar.zst). Choose another file.');
  await expect(notes.getByRole('button', { name: 'Import', exact: true })).toBeDisabled();
  await notes.getByRole('button', { name: 'Cancel' }).click();

  const whole = await rootfs('cut short', 20_000);
  await dropFile(page, 'cut.tar', whole.subarray(0, 3000), 'drop');
  const cut = page.getByRole('dialog', { name: 'Import cut.tar' });
  await cut.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(cut.getByRole('alert')).toContainText('cut.tar stops too soon');
  await expect(cut).toBeVisible();
  await expect(page.getByRole('region', { name: 'Notifications' })).not.toContainText('cut.tar'); // said once, in the dialog
  await cut.getByRole('button', { name: 'Cancel' }).click();
  await expect(dataRows(page)).toHaveCount(SEED.rows);
});
