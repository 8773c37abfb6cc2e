// Pictures of every page in light and dark, for people to look at: e2e-screenshots/<theme>-<page>.png.
/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import path from 'node:path';
import { repoRoot } from './support/cli.js';
import { expect, test } from './support/fixtures.js';
import { openImages, row } from './support/images-page.js';
import { SEED } from './support/seed.js';
import { rootfs } from './support/tar.js';

const OUT = path.join(repoRoot, 'e2e-screenshots');
const THEMES = ['light', 'dark'] as const;

async function shot(page: Page, theme: string, name: string): Promise<void> {
  await page.waitForTimeout(250); // let transitions (pane, dialogs) settle
  await page.screenshot({ path: path.join(OUT, `${theme}-${name}.png`) });
}

async function pick(page: Page, name: string, bytes: Uint8Array): Promise<void> {
  await page.getByLabel('Root filesystem tarball to import').setInputFiles({ name, mimeType: 'application/x-tar', buffer: Buffer.from(bytes) });
}

for (const theme of THEMES) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    });

    test(`every page of a seeded store (${theme})`, async ({ page, berth }) => {
      test.setTimeout(60_000);
      await openImages(page, berth.url, SEED.rows);
      await shot(page, theme, '01-images');

      await row(page, SEED.shared[0]).click();
      await row(page, SEED.configured).click({ modifiers: ['ControlOrMeta'] });
      await shot(page, theme, '02-images-selected');

      await row(page, SEED.configured).click();
      await page.keyboard.press('Enter');
      const pane = page.getByRole('complementary', { name: 'Image details' });
      await expect(pane.getByRole('tabpanel')).toContainText('seeded for e2e');
      await shot(page, theme, '03-detail-overview');
      for (const [index, tab] of (['Layers', 'Config', 'JSON'] as const).entries()) {
        await pane.getByRole('tab', { name: tab }).click();
        if (tab === 'JSON') {
          await pane.getByRole('textbox', { name: 'Format template' }).fill('{{.Os}}/{{.Architecture}} {{json .Config.Env}}');
          await expect(pane.getByLabel('Template result')).toBeVisible();
        }
        await shot(page, theme, `0${4 + index}-detail-${tab.toLowerCase()}`);
      }
      await pane.getByRole('textbox', { name: 'Format template' }).fill('{{.Config.Nope');
      await expect(pane.getByLabel('Template error')).toBeVisible();
      await shot(page, theme, '07-detail-template-error');
      await page.getByRole('button', { name: 'Close details' }).click();

      await row(page, SEED.shared[0]).click();
      await page.getByRole('button', { name: 'Tag…' }).click();
      await shot(page, theme, '08-tag-dialog');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

      for (const reference of SEED.shared) await row(page, reference).click({ modifiers: ['ControlOrMeta'] });
      await row(page, SEED.single).click({ modifiers: ['ControlOrMeta'] });
      await page.keyboard.press('Delete');
      await expect(page.getByRole('dialog')).toBeVisible();
      await shot(page, theme, '09-remove-dialog');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'Prune…' }).click();
      await shot(page, theme, '10-prune-dialog');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

      await page.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['x'], 'rootfs.tar'));
        document.body.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      });
      await shot(page, theme, '11-drop-overlay');
      await page.evaluate(() => {
        const transfer = new DataTransfer();
        transfer.items.add(new File(['x'], 'rootfs.tar'));
        document.body.dispatchEvent(new DragEvent('dragleave', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      });

      await pick(page, 'ubuntu-rootfs.tar', await rootfs('shot', 3_000_000));
      const dialog = page.getByRole('dialog', { name: 'Import ubuntu-rootfs.tar' });
      await dialog.getByRole('textbox', { name: 'Name' }).fill('myorg/base:2024.06');
      await dialog.getByRole('textbox', { name: 'Changes' }).fill('ENV LANG=C.UTF-8\nCMD ["/bin/bash"]');
      await dialog.getByRole('textbox', { name: 'Message' }).fill('Base image from the nightly rootfs');
      await shot(page, theme, '12-import-dialog');
      await dialog.getByRole('button', { name: 'Import', exact: true }).click();
      await expect(dialog).toBeHidden({ timeout: 20_000 });
      await expect(row(page, 'myorg/base:2024.06')).toBeVisible();
      await shot(page, theme, '13-images-after-import');

      await pick(page, 'notes.txt', new TextEncoder().encode('not a tarball'.repeat(100)));
      await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
      await shot(page, theme, '14-import-error');
      await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
      await expect(page.getByRole('heading', { name: 'Tasks' })).toBeVisible();
      await shot(page, theme, '15-tasks');

      await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('button', { name: 'Check the store' }).click();
      await expect(page.getByRole('status').filter({ hasText: /blobs/ })).toBeVisible();
      await shot(page, theme, '16-settings');
    });

    test.describe('empty store', () => {
      test.use({ seeded: false });
      test(`the empty state and the refused page (${theme})`, async ({ page, berth }) => {
        await page.goto(berth.url);
        await expect(page.getByRole('heading', { name: 'No images yet' })).toBeVisible();
        await shot(page, theme, '17-images-empty');
        await page.getByRole('navigation', { name: 'Pages' }).getByRole('button', { name: /^Tasks/ }).click();
        await shot(page, theme, '18-tasks-empty');

        const context = await page.context().browser()!.newContext({ colorScheme: theme, viewport: { width: 1280, height: 760 } });
        const bare = await context.newPage();
        const url = new URL(berth.url);
        url.search = '';
        await bare.goto(url.href);
        await expect(bare.getByRole('heading', { name: 'This page has no access to Berth' })).toBeVisible();
        await shot(bare, theme, '19-no-token');
        await context.close();
      });
    });
  });
}
