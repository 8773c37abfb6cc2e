// The BUILT Electron bundles, tested in plain Node because Electron's binary is not installed here
// (ELECTRON_SKIP_BINARY_DOWNLOAD; e2e/electron.spec.ts covers the real app where it is).
//
// - dist/electron/main.js is imported as ESM by a child `node` whose module hooks resolve `electron` to a recording
//   stand-in (test-support/electron-stub.mjs); test-support/run-main.mjs drives it (emits `ready`, calls the
//   protocol and IPC handlers, fires navigation and permission events) and writes what it saw as JSON.
// - dist/electron/preload.cjs runs in a `vm` context with nothing but a `require` that knows only `electron`, as in
//   a sandboxed renderer, with contextBridge/ipcRenderer/webUtils stand-ins.
//
// Not covered without the binary: that Chromium honours these settings (CSP, sandbox, the privileged scheme), real
// IPC serialisation and contextBridge copying, Electron's own event order. e2e/electron.spec.ts checks those where
// Electron is installed.
//
// `npm test` builds before Vitest runs; when the bundles are missing or stale this file builds them itself.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PreloadApi } from '../../shared/preload-api.js';
import { BERTH_METHODS } from '../../shared/rpc-signatures.js';
import { withBuildLock } from '../core/testing/cli.js';
import { IPC } from './channels.js';
import { ensureBuilt, mainBundle, preloadBundle, rendererIndex, root, runMain, work, type MenuItem, type Report, type Served } from './test-support/main-harness.js';

let primary: Report;
let primaryStore: string;
let primaryStderr: string;
let second: Report;
let secondStore: string;
let mainSource: string;
let preloadSource: string;
let indexHtml: string;

// Under the build lock the other test files take before they build (a CLI rebuild replaces dist/electron too), so
// the bundles cannot change while they are read and run; the file contents are kept for the tests below.
beforeAll(async () => {
  await withBuildLock(async () => {
    await ensureBuilt();
    [mainSource, preloadSource, indexHtml] = await Promise.all([readFile(mainBundle, 'utf8'), readFile(preloadBundle, 'utf8'), readFile(rendererIndex, 'utf8')]);
    const [a, b] = await Promise.all([runMain('primary'), runMain('second-instance')]);
    ({ report: primary, store: primaryStore, stderr: primaryStderr } = a);
    ({ report: second, store: secondStore } = b);
  });
}, 300_000);

afterAll(async () => {
  await Promise.all(work.map((dir) => rm(dir, { recursive: true, force: true })));
});

const callIndex = (report: Report, call: string) => report.calls.findIndex((c) => c.call === call);

describe('dist/electron/main.js under a stand-in electron', () => {
  it('is an ES module bundle that imports electron and runs to the end of its top level', () => {
    expect(mainSource).toMatch(/^import .* from "electron";$/m);
    expect(mainSource).not.toMatch(/require\(["']electron["']\)/);
    // run-main.mjs imported it with import(); the marks bracket its top-level calls.
    expect(callIndex(primary, 'mark:bundle imported')).toBeGreaterThan(callIndex(primary, 'app.enableSandbox'));
    expect(primary.exitCodes).toEqual([]);
  });

  it('registers berth:// as privileged (and enables the sandbox) before app ready, and serves it after', () => {
    const ready = callIndex(primary, 'app.emit(ready)');
    const register = callIndex(primary, 'protocol.registerSchemesAsPrivileged');
    expect(register).toBeGreaterThanOrEqual(0);
    expect(register).toBeLessThan(ready);
    expect(primary.calls[register]?.ready).toBe(false);
    expect(primary.privilegedSchemes).toEqual([
      { scheme: 'berth', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(callIndex(primary, 'app.enableSandbox')).toBeLessThan(ready);
    // Hardening of every web contents is wired before any can exist.
    expect(callIndex(primary, 'app.on(web-contents-created)')).toBeLessThan(ready);
    expect(callIndex(primary, 'protocol.handle')).toBeGreaterThan(ready);
    expect(primary.protocolSchemes).toEqual(['berth']);
  });

  it('opens one isolated, sandboxed window without Node, with the built preload, on berth://app/', () => {
    const { options, loadedUrls, shownOnReadyToShow } = primary.window;
    const prefs = options.webPreferences;
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).not.toBe(true);
    expect(prefs.nodeIntegrationInSubFrames).not.toBe(true);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.allowRunningInsecureContent).not.toBe(true);
    expect(prefs.webviewTag).not.toBe(true);
    expect(prefs.experimentalFeatures).toBeUndefined();
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.preload).toBe(preloadBundle);
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(loadedUrls).toEqual(['berth://app/index.html']);
    expect(options.show).toBe(false);
    expect(shownOnReadyToShow).toBe(true);
  });

  it('serves the renderer on berth://app/ with the CSP and content types, and refuses paths outside it', async () => {
    const served = (name: string): Served => {
      const result = primary.protocol[name];
      expect(result?.outcome, `${name}: ${result?.error ?? ''}`).toBe('resolved');
      return result!.value!;
    };
    for (const name of ['root', 'index', 'clientRoute']) {
      const response = served(name);
      expect(response.status, name).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toBe(indexHtml);
    }
    const script = served('script');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');

    for (const name of ['root', 'index', 'clientRoute', 'script']) {
      const { headers } = served(name);
      const csp = headers['content-security-policy'] ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([key, ...values]) => [key, values]));
      expect(directives.get('default-src'), csp).toEqual(["'none'"]);
      expect(directives.get('script-src'), csp).toEqual(["'self'"]);
      expect(directives.get('object-src'), csp).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors'), csp).toEqual(["'none'"]);
      expect(directives.get('base-uri'), csp).toEqual(["'none'"]);
      expect(csp).not.toMatch(/unsafe-(inline|eval)|\*/);
      expect(headers['x-content-type-options']).toBe('nosniff');
    }

    const packageJson = await readFile(path.join(root, 'package.json'), 'utf8');
    for (const name of ['traversalEncoded', 'traversalDots', 'traversalEncodedDots', 'traversalEncodedBackslash', 'missingFile', 'otherHost']) {
      const response = served(name);
      expect(response.status, `${name}: ${response.url}`).toBe(404);
      expect(response.body).not.toContain(packageJson.slice(0, 40));
    }
    expect(served('badEscape').status).toBe(400);
  });

  it('registers the IPC handlers and refuses every sender but the main frame of its window on berth://app', () => {
    const channels = [IPC.rpc, IPC.grantFile, IPC.chooseFile, IPC.chooseTarget, IPC.dragOut, IPC.contextMenu, IPC.dragOutFiles];
    expect([...primary.ipcChannels].sort()).toEqual([...channels].sort());
    const senders = ['otherWebContents', 'subframeOfOurWindow', 'frameGone', 'ourFrameNavigatedAway', 'ourFrameOnOtherHost'];
    expect(primary.ipcForeign).toHaveLength(channels.length * senders.length);
    for (const attempt of primary.ipcForeign) {
      expect(attempt.outcome, `${attempt.channel} from ${attempt.sender}`).toBe('rejected');
      expect(attempt.error).toMatch(/refused/);
      expect(attempt.openedDialog).toBe(false);
    }
    expect(primaryStderr).toMatch(/refused berth:rpc from https:\/\/evil\.example\//);

    const ours = primary.ipcOurs;
    for (const [name, result] of Object.entries(ours)) expect(result.outcome, `${name}: ${result.error ?? ''}`).toBe('resolved');
    expect(ours.info?.value).toEqual({ id: expect.any(Number), ok: true, value: expect.objectContaining({ storePath: primaryStore }) });
    expect(ours.unknownMethod?.value).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(ours.chooseFile?.value).toEqual({ ok: true, value: null });
    expect(primary.dialogParentIsOurWindow).toBe(true);
    expect(ours.chooseFileBadPurpose?.value).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(ours.grantNotAString?.value).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // A context menu: shown natively over our window, dismissed (the stand-in closes it at once), nothing chosen.
    expect(ours.contextMenu?.value).toEqual({ ok: true, value: null });
    expect(ours.contextMenuBad?.value).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(primary.popups).toEqual([
      {
        template: [{ label: 'Copy reference', enabled: true }, { type: 'separator' }, { label: 'Remove…', enabled: false }],
        options: { window: 'window', x: 10, y: 20 },
      },
    ]);
  });

  it('serves every API method through the rpc channel', () => {
    expect(Object.keys(primary.methodsThroughIpc).sort()).toEqual([...BERTH_METHODS].sort());
    for (const [method, result] of Object.entries(primary.methodsThroughIpc)) {
      // 64 arguments: refused by the method's own argument check, so the method is known and nothing ran.
      expect(result.value, method).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/at most/) } });
    }
  });

  it('reads only files granted to its page (a drop or its dialog), by ID: the page never holds a path', () => {
    const ours = primary.ipcOurs;
    expect(ours.importByPath?.value).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(ours.importUngranted?.value).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/only files you chose/) } });
    const granted = ours.grantDropped?.value;
    expect(granted).toEqual({ ok: true, value: { fileId: expect.any(String), name: 'empty.tar', size: 1024 } });
    expect(JSON.stringify(granted)).not.toContain(path.dirname(primary.tarball));
    expect(ours.importGranted?.value).toMatchObject({ ok: true });
    // File ▸ Import…: the dialog's file reaches the page as a reference too.
    expect(primary.menuImportFound).toBe(true);
    expect(primary.openFileWaitError).toBeUndefined();
    const openFile = primary.sentToWindow.filter((m) => m.channel === IPC.openFile).map((m) => m.args[0]);
    expect(openFile).toEqual([{ purpose: 'import', file: { fileId: expect.any(String), name: 'empty.tar', size: 1024 } }]);
    expect(JSON.stringify(openFile)).not.toContain(path.dirname(primary.tarball));
  });

  it('forwards service events to its window on the event channel', () => {
    expect(primary.eventWaitError).toBeUndefined();
    const events = primary.sentToWindow.filter((m) => m.channel === IPC.event).map((m) => m.args[0]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'task.update', task: expect.objectContaining({ kind: 'import', state: 'done' }) }));
  });

  it('blocks navigation, redirects and webviews away from berth://app, and denies new windows', () => {
    const { willNavigate, willRedirect, willAttachWebview, windowOpen } = primary.navigation;
    for (const fired of [...willNavigate, ...willRedirect]) {
      expect(fired.prevented, fired.url).toBe(!fired.url.startsWith('berth://app/'));
    }
    expect(willNavigate.filter((f) => f.prevented).length).toBeGreaterThanOrEqual(4);
    expect(willAttachWebview.prevented).toBe(true);
    for (const opened of windowOpen) expect(opened.result, opened.url).toEqual({ action: 'deny' });
    // Plain web links go to the user's browser; files, scripts, our own scheme and credentials do not.
    expect(primary.openedExternally).toEqual(['https://example.com/docs', 'http://example.com/']);
    // Any other web contents the app makes gets the same treatment.
    expect(primary.otherContents).toEqual({
      hasWindowOpenHandler: true,
      windowOpen: { action: 'deny' },
      willNavigate: { url: 'https://evil.example/', prevented: true },
    });
  });

  it('denies permission requests and checks, except clipboard writes from its own page', () => {
    const { handlers, request, check, device } = primary.permissions;
    expect([...handlers].sort()).toEqual(['check', 'device', 'request']);
    for (const answer of [...request, ...check]) {
      const allowed = answer.permission === 'clipboard-sanitized-write' && answer.url.startsWith('berth://app/');
      expect(answer.granted, `${answer.permission} from ${answer.url}`).toBe(allowed);
    }
    expect(device).toBe(false);
  });

  it('takes the single-instance lock; a second instance quits before ready and touches nothing', () => {
    expect(callIndex(primary, 'app.requestSingleInstanceLock')).toBeLessThan(callIndex(primary, 'app.emit(ready)'));
    expect(primary.secondInstance).toEqual({ restored: 1, focused: 1 });

    expect(callIndex(second, 'app.requestSingleInstanceLock')).toBeGreaterThanOrEqual(0);
    expect(second.quitsBeforeReady).toBe(1);
    expect(second.whenReadyCalled).toBe(false);
    expect(second.readyListeners).toBe(0);
    expect(second.windows).toBe(0);
    expect(second.ipcChannels).toEqual([]);
    expect(second.storeCreated).toBe(false);
    expect(existsSync(secondStore)).toBe(false);
  });

  it('quits when its window closes (not on macOS), reopens on activate, and unwires IPC on will-quit', () => {
    if (process.platform !== 'darwin') expect(primary.quitOnAllClosed).toBe(true);
    expect(primary.windowsAfterActivate).toBe(2);
    expect(primary.ipcChannelsAfterWillQuit).toEqual([]);
  });

  it('offers no developer tools in a packaged build', () => {
    const roles: string[] = [];
    const walk = (items: MenuItem[]) => {
      for (const item of items) {
        if (item.role) roles.push(item.role);
        if (item.submenu) walk(item.submenu);
      }
    };
    walk(primary.menu ?? []);
    expect(roles).toContain('reload');
    expect(roles).not.toContain('toggleDevTools');
  });
});

// --- the preload -------------------------------------------------------------------------------------------------

/** What a sandboxed preload may take from `electron` (Electron's docs, "Process Sandboxing"). */
const SANDBOXED_ELECTRON = new Set(['contextBridge', 'crashReporter', 'ipcRenderer', 'nativeImage', 'webFrame', 'webUtils']);

function loadPreload(reply: (channel: string, arg: unknown) => unknown) {
  const exposed = new Map<string, Record<string, unknown>>();
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  const required: string[] = [];
  const provided: Record<string, unknown> = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push({ channel, args });
        return reply(channel, args[0]);
      },
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      },
    },
    webUtils: { getPathForFile: (file: { path: string }) => file.path },
  };
  const electron = new Proxy(provided, {
    get(target, key) {
      if (typeof key !== 'string') return undefined;
      if (!SANDBOXED_ELECTRON.has(key)) throw new Error(`electron.${key} is not available to a sandboxed preload`);
      if (!(key in target)) throw new Error(`the preload stand-in has no electron.${key}`);
      return target[key];
    },
  });
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${id}: it must be one bundle`);
  };
  // Only the language's own globals: no process, Buffer or Node require.
  const context = vm.createContext({});
  const wrapper = vm.runInContext(`(function (exports, require, module, __filename, __dirname) {${preloadSource}\n})`, context, {
    filename: preloadBundle,
  }) as (exports: unknown, require: (id: string) => unknown, module: { exports: unknown }, filename: string, dirname: string) => void;
  const module = { exports: {} };
  wrapper(module.exports, sandboxRequire, module, preloadBundle, path.dirname(preloadBundle));
  /** The stand-in's objects and functions: none may reach the page through the bridge. */
  const electronParts = new Set<unknown>(Object.values(provided).flatMap((part) => [part, ...Object.values(part as object)]));
  return { exposed, invoked, listeners, required, electronParts };
}

/** PreloadApi's members: `satisfies` makes the typecheck keep this list equal to shared/preload-api.ts. */
const PRELOAD_KEYS = { shell: true, invoke: true, grantFile: true, chooseFile: true, chooseTarget: true, dragOut: true, onEvent: true, onOpenFile: true, showContextMenu: true, dragOutFiles: true } satisfies Record<keyof PreloadApi, true>;

type Berth = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe('dist/electron/preload.cjs in a sandbox-like vm context', () => {
  it('requires only electron and exposes window.berth: the preload API and nothing of electron itself', () => {
    const { exposed, required, electronParts } = loadPreload(() => ({ ok: true, value: null }));
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect([...exposed.keys()]).toEqual(['berth']);
    const berth = exposed.get('berth')!;
    expect(Object.keys(berth).sort()).toEqual(Object.keys(PRELOAD_KEYS).sort());
    expect(berth.shell).toBe('electron');
    for (const [key, value] of Object.entries(berth)) {
      if (key !== 'shell') expect(typeof value, key).toBe('function');
      expect(electronParts.has(value), `berth.${key} is electron's own`).toBe(false);
    }
  });

  it('sends every API method on the rpc channel main handles, and hands replies back as data', async () => {
    const { exposed, invoked } = loadPreload((_channel, arg) => {
      const request = arg as { id: number; method: string };
      if (request.method === 'inspectImage') return { id: request.id, ok: false, error: { code: 'NOT_FOUND', message: 'no such image' } };
      return { id: request.id, ok: true, value: { answered: request.method } };
    });
    const berth = exposed.get('berth') as Berth;
    expect(BERTH_METHODS.length).toBeGreaterThan(0);
    const replies = [];
    for (const [i, method] of BERTH_METHODS.entries()) replies.push(await berth.invoke!({ id: i + 1, method, args: ['x'] }));
    expect(invoked).toEqual(BERTH_METHODS.map((method, i) => ({ channel: IPC.rpc, args: [{ id: i + 1, method, args: ['x'] }] })));
    expect(replies).toContainEqual({ id: BERTH_METHODS.indexOf('info') + 1, ok: true, value: { answered: 'info' } });
    // An error reply is data, not a thrown Error (contextBridge would keep only its message).
    expect(replies).toContainEqual({ id: BERTH_METHODS.indexOf('inspectImage') + 1, ok: false, error: { code: 'NOT_FOUND', message: 'no such image' } });
    expect(primary.ipcChannels).toContain(IPC.rpc);
  });

  it('asks main to grant a dropped file (by its path from webUtils), to show the file dialog and a context menu, on the channels main handles', async () => {
    const { exposed, invoked } = loadPreload((channel, arg) => {
      if (channel === IPC.grantFile) return { ok: true, value: { fileId: 'id-1', name: path.basename(String(arg)), size: 3 } };
      if (channel === IPC.chooseFile) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `no ${String(arg)}` } };
      if (channel === IPC.contextMenu) return { ok: true, value: 'tag' };
      if (channel === IPC.chooseTarget) return { ok: true, value: { targetId: 't-1', name: String(arg) } };
      throw new Error(`unexpected channel ${channel}`);
    });
    const berth = exposed.get('berth') as Berth;
    expect(await berth.grantFile!({ path: '/drop/ok.tar' })).toEqual({ ok: true, value: { fileId: 'id-1', name: 'ok.tar', size: 3 } });
    expect(await berth.chooseFile!('load')).toEqual({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'no load' } });
    const menu = { items: [{ id: 'tag', label: 'Tag…' }], x: 1, y: 2 };
    expect(await berth.showContextMenu!(menu)).toEqual({ ok: true, value: 'tag' });
    expect(await berth.chooseTarget!('alpine_3.19.tar')).toEqual({ ok: true, value: { targetId: 't-1', name: 'alpine_3.19.tar' } });
    expect(invoked).toEqual([
      { channel: IPC.grantFile, args: ['/drop/ok.tar'] },
      { channel: IPC.chooseFile, args: ['load'] },
      { channel: IPC.contextMenu, args: [menu] },
      { channel: IPC.chooseTarget, args: ['alpine_3.19.tar'] },
    ]);
    for (const { channel } of invoked) expect(primary.ipcChannels).toContain(channel);
  });

  it('subscribes to main events and file requests, passing only the payload, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload(() => null);
    const berth = exposed.get('berth') as Record<string, (listener: (value: unknown) => void) => () => void>;
    const events: unknown[] = [];
    const files: unknown[] = [];
    const offEvents = berth.onEvent!((value) => events.push(value));
    const offFiles = berth.onOpenFile!((value) => files.push(value));
    expect([...listeners.keys()].sort()).toEqual([IPC.event, IPC.openFile].sort());
    const emit = (channel: string, value: unknown) => {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'ipc-event' }, value);
    };
    const request = { purpose: 'import', file: { fileId: 'id-2', name: 'x.tar', size: 1 } };
    emit(IPC.event, { type: 'store.changed' });
    emit(IPC.openFile, request);
    expect(events).toEqual([{ type: 'store.changed' }]);
    expect(files).toEqual([request]);
    offEvents();
    offFiles();
    emit(IPC.event, { type: 'store.changed' });
    emit(IPC.openFile, request);
    expect(events).toHaveLength(1);
    expect(files).toHaveLength(1);
    expect(listeners.get(IPC.event)?.size).toBe(0);
    expect(listeners.get(IPC.openFile)?.size).toBe(0);
    // Main sends on exactly the channels the preload listens to.
    expect(new Set(primary.sentToWindow.map((m) => m.channel))).toEqual(new Set([IPC.event, IPC.openFile]));
  });
});
