// Light and dark: the OS decides until Settings says otherwise, both ways.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures.js';
import { openImages } from './support/images-page.js';

const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(26, 28, 32)';

async function background(page: Page): Promise<string> {
  return page.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
}

for (const os of ['light', 'dark'] as const) {
  test(`follows the OS (${os}) and Settings overrides it either way`, async ({ page, berth }) => {
    await page.emulateMedia({ colorScheme: os });
    await openImages(page, berth.url);
    await expect.poll(() => background(page)).toBe(os === 'dark' ? DARK_BG : LIGHT_BG);

    const pages = page.getByRole('navigation', { name: 'Pages' });
    for (const [choice, expected] of [['Dark', DARK_BG], ['Light', LIGHT_BG], ['Follow the system', os === 'dark' ? DARK_BG : LIGHT_BG]] as const) {
      await pages.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('radio', { name: choice }).check();
      await pages.getByRole('button', { name: 'Images' }).click();
      await expect.poll(() => background(page), `${choice} on a ${os} OS`).toBe(expected);
    }
  });
}
