// The real desktop app, launched through Playwright's Electron support, where the Electron binary exists.
// `npm ci` with ELECTRON_SKIP_BINARY_DOWNLOAD=1 (CI, machines without internet) has no binary: then every test
// here is skipped and the report says so.
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot } from './support/cli.js';

/** The binary's path, or why there is none (`require('electron')` throws when its install script never ran). */
function electronBinary(): { path: string } | { missing: string } {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    if (typeof binary !== 'string') return { missing: 'require("electron") did not return a path' };
    return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
  } catch (err) {
    return { missing: (err as Error).message };
  }
}

const binary = electronBinary();
const mainScript = path.join(repoRoot, 'dist', 'electron', 'main.js');
const skipReason = 'missing' in binary ? `Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): ${binary.missing}` : null;
if (skipReason) console.log(`electron.spec.ts: skipped. ${skipReason}`);

test.describe('Electron app', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let app: ElectronApplication;
  let page: Page;
  let work: string;
  let store: string;

  test.beforeAll(async () => {
    if (!existsSync(mainScript)) throw new Error('dist/electron/main.js is missing: run `npm run build` first');
    work = await mkdtemp(path.join(tmpdir(), 'berth-electron-'));
    store = path.join(work, 'store');
    const seed = process.env.BERTH_E2E_SEED;
    if (seed) await cp(seed, store, { recursive: true });
    app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      // Chromium refuses to start as root with its sandbox on; only a root test runner (CI containers) drops it.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), mainScript],
      env: { ...process.env, BERTH_STORE: store, ELECTRON_ENABLE_LOGGING: '1' },
      cwd: repoRoot,
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  test('opens one window on berth://app with the Images page', async () => {
    expect(page.url()).toMatch(/^berth:\/\/app\//);
    await expect(page.getByRole('grid', { name: 'Images' })).toBeVisible({ timeout: 15_000 });
    expect(app.windows()).toHaveLength(1);
    const reply = await page.evaluate(() => window.berth!.invoke({ id: 1, method: 'info', args: [] }));
    expect(reply).toMatchObject({ ok: true, value: { storePath: store } });
  });

  test('the page has window.berth and no Node', async () => {
    const globals = await page.evaluate(() => ({
      berth: typeof window.berth,
      shell: window.berth?.shell,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }));
    expect(globals).toEqual({ berth: 'object', shell: 'electron', require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  test('the CSP stops inline script', async () => {
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__berthInline = true';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as { __berthInline?: boolean }).__berthInline === true;
    });
    expect(ran).toBe(false);
  });

  test('navigation away and new windows are blocked', async () => {
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
    const opened = await page.evaluate(() => window.open('file:///etc/passwd') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  test('a path the user never chose is refused', async () => {
    const forged = await page.evaluate(() =>
      window.berth!.invoke({ id: 2, method: 'importRootfs', args: [{ fileId: 'f'.repeat(32), name: 'passwd', size: null }, {}] }),
    );
    expect(forged).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/chose in its dialog or dropped/) } });
    const path = await page.evaluate(() => window.berth!.invoke({ id: 3, method: 'importRootfs', args: [{ path: '/etc/passwd' }, {}] }));
    expect(path).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });
});
