// The harness main-bundle.test.ts drives the BUILT Electron bundles with: where they are, building them when missing
// or stale (under the test build lock the caller takes), and running dist/electron/main.js in a child `node` whose
// module hooks resolve `electron` to the recording stand-in, returning what it saw (the Report).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, realpath, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BERTH_METHODS } from '../../../shared/rpc-signatures.js';
import { newestSource } from '../../core/testing/cli.js';
import { IPC } from '../channels.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const mainBundle = path.join(root, 'dist', 'electron', 'main.js');
export const preloadBundle = path.join(root, 'dist', 'electron', 'preload.cjs');
export const rendererIndex = path.join(root, 'dist', 'renderer', 'index.html');
const support = path.join(root, 'electron', 'main', 'test-support');
/** What main.js and preload.cjs are built from. */
const ELECTRON_SOURCES = ['electron/main', 'electron/preload', 'electron/core', 'shared'];

export interface Settled<T> {
  outcome: 'resolved' | 'rejected' | 'missing';
  value?: T;
  error?: string;
}
export interface Served {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  bodyLength: number;
}
export interface Fired {
  url: string;
  prevented: boolean;
}
type Reply = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
export interface MenuItem {
  role?: string;
  label?: string;
  submenu?: MenuItem[];
}
export interface Report {
  scenario: string;
  harnessError?: string;
  calls: Array<{ call: string; ready: boolean; args?: unknown[] }>;
  privilegedSchemes: Array<{ scheme: string; privileges: Record<string, boolean> }>;
  errorBoxes: Array<{ title: string; content: string }>;
  exitCodes: number[];
  quits: number;
  // primary
  window: { options: { show?: boolean; webPreferences: Record<string, unknown> }; loadedUrls: string[]; shownOnReadyToShow: boolean };
  menu: MenuItem[] | null;
  protocolSchemes: string[];
  protocol: Record<string, Settled<Served>>;
  navigation: { willNavigate: Fired[]; willRedirect: Fired[]; willAttachWebview: Fired; windowOpen: Array<{ url: string; result: { action: string } | null }> };
  openedExternally: string[];
  otherContents: { hasWindowOpenHandler: boolean; windowOpen: { action: string } | null; willNavigate: Fired };
  permissions: {
    handlers: string[];
    request: Array<{ permission: string; url: string; granted: boolean | null }>;
    check: Array<{ permission: string; url: string; granted: boolean | null }>;
    device: boolean | null;
  };
  ipcChannels: string[];
  tarball: string;
  ipcForeign: Array<Settled<unknown> & { channel: string; sender: string; openedDialog: boolean }>;
  ipcOurs: Record<string, Settled<Reply & { id?: number }>>;
  methodsThroughIpc: Record<string, Settled<Reply & { id?: number }>>;
  dialogParentIsOurWindow: boolean;
  popups: Array<{ template: unknown[]; options: Record<string, unknown> }>;
  eventWaitError?: string;
  menuImportFound: boolean;
  openFileWaitError?: string;
  sentToWindow: Array<{ channel: string; args: unknown[] }>;
  secondInstance: { restored: number; focused: number };
  quitOnAllClosed: boolean;
  windowsAfterActivate: number;
  ipcChannelsAfterWillQuit: string[];
  // second-instance
  quitsBeforeReady: number;
  readyListeners: number;
  whenReadyCalled: boolean;
  windows: number;
  storeCreated: boolean;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: root, env, timeout: 110_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(args[args.length - 1] ?? command)} failed: ${err.message}\n${stdout}\n${stderr}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** True when main.js or preload.cjs is missing or older than a source it is built from. */
async function electronStale(): Promise<boolean> {
  const times = await Promise.all([mainBundle, preloadBundle].map((file) => stat(file).then((s) => s.mtimeMs, () => null)));
  if (times.includes(null)) return true;
  const builtAt = Math.min(...(times as number[]));
  for (const dir of ELECTRON_SOURCES) {
    if ((await newestSource(path.join(root, dir))) > builtAt) return true;
  }
  return false;
}

/**
 * Builds what this test needs when it is missing or stale (a Vitest run without `npm run build` first); never skips.
 * Only the Electron part (and the renderer when it is missing): dist/cli, which other test files run, is left alone.
 * Call under withBuildLock.
 */
export async function ensureBuilt(): Promise<void> {
  if (await electronStale()) {
    console.warn('main-bundle.test.ts: dist/electron is missing or older than its sources; running `node scripts/build.mjs electron`');
    await run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'electron']);
  }
  if (!existsSync(rendererIndex)) {
    console.warn('main-bundle.test.ts: dist/renderer is missing; running `node scripts/build.mjs renderer`');
    await run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'renderer']);
  }
  for (const file of [mainBundle, preloadBundle, rendererIndex]) {
    if (!existsSync(file)) throw new Error(`${path.relative(root, file)} is still missing after building: see scripts/build.mjs`);
  }
}

/** Folders runMain made; the test removes them after its run. */
export const work: string[] = [];

export async function runMain(scenario: 'primary' | 'second-instance'): Promise<{ report: Report; store: string; stderr: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-main-bundle-'));
  work.push(dir);
  const store = path.join(dir, 'store');
  const reportPath = path.join(dir, 'report.json');
  const { stderr } = await run(
    process.execPath,
    ['--import', pathToFileURL(path.join(support, 'register-electron-stub.mjs')).href, path.join(support, 'run-main.mjs'), mainBundle, reportPath, scenario],
    { ...process.env, BERTH_STORE: store, BERTH_HARNESS: JSON.stringify({ channels: IPC, methods: BERTH_METHODS }) },
  );
  const report = JSON.parse(await readFile(reportPath, 'utf8')) as Report;
  if (report.harnessError) throw new Error(`run-main.mjs (${scenario}) failed: ${report.harnessError}\n${stderr}`);
  if (report.errorBoxes.length > 0) throw new Error(`main showed an error box: ${JSON.stringify(report.errorBoxes)}\n${stderr}`);
  return { report, store: await realpath(dir).then((real) => path.join(real, 'store')), stderr };
}
