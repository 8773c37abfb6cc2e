// TEST ONLY. Runs the BUILT Electron main bundle in plain Node against the stand-in `electron` module and writes
// what it observed as JSON; main-bundle.test.ts starts it and makes the assertions.
//
//   node --import ./register-electron-stub.mjs run-main.mjs <dist/electron/main.js> <report.json> <primary|second-instance>
//
// BERTH_STORE must name a scratch store; BERTH_HARNESS is JSON { channels, methods }: the IPC channel names
// (electron/main/channels.ts) and the API's methods (shared/rpc-signatures.ts), so no copy of either lives here. Every event is driven here (`ready`, navigation, IPC calls, quit); the
// only waits are for main's own async work (opening the store, an import), bounded by a generous deadline.
import { existsSync } from 'node:fs';
import { readdir, realpath, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, control, FakeWebContents, record } from './electron-stub.mjs';

const [bundle, reportPath, scenario = 'primary'] = process.argv.slice(2);
if (!bundle || !reportPath) throw new Error('usage: run-main.mjs <main.js> <report.json> [primary|second-instance]');
if (!process.env.BERTH_STORE) throw new Error('run-main.mjs: set BERTH_STORE to a scratch store');

const report = { scenario };
/** From the test: { channels: IPC (electron/main/channels.ts), methods: BERTH_METHODS }. */
const harness = JSON.parse(process.env.BERTH_HARNESS ?? '{}');

async function until(predicate, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`run-main.mjs: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The outcome of a call, sync or async, as data. */
async function settle(work) {
  try {
    return { outcome: 'resolved', value: await work() };
  } catch (err) {
    return { outcome: 'rejected', error: err instanceof Error ? err.message : String(err) };
  }
}

async function flushMicrotasks() {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function loadBundle(options) {
  control.configure(options);
  control.mark('import bundle');
  await import(pathToFileURL(bundle).href);
  control.mark('bundle imported');
}

async function secondInstance() {
  await loadBundle({ singleInstanceLock: false });
  report.quitsBeforeReady = record.quits;
  control.emitReady();
  await flushMicrotasks();
  report.readyListeners = app.listenerCount('ready');
  report.whenReadyCalled = record.calls.some((c) => c.call === 'app.whenReady');
  report.windows = record.windows.length;
  report.ipcChannels = [...record.ipcHandlers.keys()];
  report.storeCreated = existsSync(process.env.BERTH_STORE);
}

async function primary() {
  if (!harness.channels || !Array.isArray(harness.methods)) throw new Error('run-main.mjs: set BERTH_HARNESS to {"channels": IPC, "methods": BERTH_METHODS}');
  await loadBundle({ singleInstanceLock: true, isPackaged: true });
  control.emitReady();
  await until(() => record.windows.length > 0 || record.errorBoxes.length > 0, 'the main window (or an error box)');
  if (record.windows.length === 0) return;
  const window = record.windows[0];
  const contents = window.webContents;
  window.emit('ready-to-show');
  report.window = { options: window.options, loadedUrls: window.loadedUrls, shownOnReadyToShow: window.shown };
  report.menu = record.menuTemplate;

  // The berth:// handler, called as Chromium would.
  const handler = record.protocolHandlers.get('berth');
  report.protocolSchemes = [...record.protocolHandlers.keys()];
  const assets = await readdir(path.join(path.dirname(bundle), '..', 'renderer', 'assets')).catch(() => []);
  const script = assets.find((name) => name.endsWith('.js'));
  const requests = {
    root: 'berth://app/',
    index: 'berth://app/index.html',
    ...(script ? { script: `berth://app/assets/${script}` } : {}),
    clientRoute: 'berth://app/images/library/alpine',
    missingFile: 'berth://app/missing.js',
    // dist/renderer/../../package.json exists: the repository's own package.json.
    traversalEncoded: 'berth://app/..%2f..%2fpackage.json',
    traversalDots: 'berth://app/../../package.json',
    traversalEncodedDots: 'berth://app/%2e%2e/%2e%2e/package.json',
    traversalEncodedBackslash: 'berth://app/..%5c..%5cpackage.json',
    otherHost: 'berth://elsewhere/index.html',
    badEscape: 'berth://app/%E0%A4%A',
  };
  report.protocol = {};
  for (const [name, url] of Object.entries(requests)) {
    report.protocol[name] = await settle(async () => {
      const response = await handler(new Request(url));
      const body = await response.text();
      return { url, status: response.status, headers: Object.fromEntries(response.headers), body: body.slice(0, 4000), bodyLength: body.length };
    });
  }

  // Navigation, redirects, webviews, new windows: on our window and on any other web contents the app makes.
  const fire = (target, event, url) => {
    let prevented = false;
    target.emit(event, { preventDefault: () => { prevented = true; } }, url, {});
    return { url, prevented };
  };
  const elsewhere = ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:8080/', 'berth://elsewhere/'];
  const ours = ['berth://app/index.html', 'berth://app/images'];
  report.navigation = {
    willNavigate: [...elsewhere, ...ours].map((url) => fire(contents, 'will-navigate', url)),
    willRedirect: [...elsewhere, ...ours].map((url) => fire(contents, 'will-redirect', url)),
    willAttachWebview: fire(contents, 'will-attach-webview', 'berth://app/index.html'),
    windowOpen: ['https://example.com/docs', 'http://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'berth://app/index.html', 'https://user:secret@example.com/']
      .map((url) => ({ url, result: contents.windowOpenHandler?.({ url, frameName: '', features: '', disposition: 'foreground-tab' }) ?? null })),
  };
  report.openedExternally = [...record.openedExternally];
  const other = new FakeWebContents('about:blank');
  app.emit('web-contents-created', {}, other);
  report.otherContents = {
    hasWindowOpenHandler: typeof other.windowOpenHandler === 'function',
    windowOpen: other.windowOpenHandler?.({ url: 'https://evil.example/' }) ?? null,
    willNavigate: fire(other, 'will-navigate', 'https://evil.example/'),
  };

  // Permissions.
  const { request, check, device } = record.permissionHandlers;
  const asked = (permission, url) => new Promise((resolve) => request(new FakeWebContents(url), permission, resolve, { requestingUrl: url }));
  const cases = [
    ['media', 'berth://app/index.html'], ['notifications', 'berth://app/index.html'], ['geolocation', 'berth://app/index.html'],
    ['clipboard-read', 'berth://app/index.html'], ['openExternal', 'berth://app/index.html'],
    ['clipboard-sanitized-write', 'berth://app/index.html'], ['clipboard-sanitized-write', 'https://evil.example/'],
  ];
  report.permissions = {
    handlers: Object.keys(record.permissionHandlers),
    request: [],
    check: [],
    device: device ? device({ deviceType: 'usb', origin: 'berth://app' }) : null,
  };
  for (const [permission, url] of cases) {
    report.permissions.request.push({ permission, url, granted: request ? await asked(permission, url) : null });
    report.permissions.check.push({ permission, url, granted: check ? check(contents, permission, url, {}) : null });
  }

  // IPC: which channels, and who may call them.
  report.ipcChannels = [...record.ipcHandlers.keys()];
  const { channels, methods } = harness;
  const work = path.dirname(process.env.BERTH_STORE);
  const tarball = path.join(work, 'empty.tar');
  await writeFile(tarball, Buffer.alloc(1024)); // an empty tar archive: two zero blocks
  report.tarball = await realpath(tarball);
  const invoke = (channel, event, ...args) => {
    const registered = record.ipcHandlers.get(channel);
    if (!registered) return Promise.resolve({ outcome: 'missing', error: `no handler for ${channel}` });
    return settle(() => registered(event, ...args));
  };
  const argsFor = { [channels.rpc]: [{ id: 1, method: 'info', args: [] }], [channels.grantFile]: [tarball], [channels.chooseFile]: ['import'] };
  const foreign = {
    otherWebContents: () => {
      const stranger = new FakeWebContents('berth://app/index.html');
      return { sender: stranger, senderFrame: stranger.mainFrame };
    },
    subframeOfOurWindow: () => ({ sender: contents, senderFrame: { url: 'berth://app/index.html', routingId: -1 } }),
    frameGone: () => ({ sender: contents, senderFrame: null }),
    ourFrameNavigatedAway: () => ({ sender: contents, senderFrame: contents.mainFrame, navigateTo: 'https://evil.example/' }),
    ourFrameOnOtherHost: () => ({ sender: contents, senderFrame: contents.mainFrame, navigateTo: 'berth://elsewhere/index.html' }),
  };
  report.ipcForeign = [];
  for (const channel of report.ipcChannels) {
    for (const [sender, make] of Object.entries(foreign)) {
      const { navigateTo, ...event } = make();
      const before = contents.mainFrame.url;
      if (navigateTo) contents.mainFrame.url = navigateTo;
      const dialogsBefore = record.openDialogs.length;
      const result = await invoke(channel, event, ...(argsFor[channel] ?? []));
      contents.mainFrame.url = before;
      report.ipcForeign.push({ channel, sender, ...result, openedDialog: record.openDialogs.length > dialogsBefore });
    }
  }

  const fromUs = () => ({ sender: contents, senderFrame: contents.mainFrame });
  let id = 100;
  const rpc = (method, args) => invoke(channels.rpc, fromUs(), { id: id++, method, args });
  report.ipcOurs = {
    info: await rpc('info', []),
    unknownMethod: await rpc('constructor', []),
    importByPath: await rpc('importRootfs', [{ path: '/etc/passwd' }, {}]),
    importUngranted: await rpc('importRootfs', [{ fileId: 'f'.repeat(32), name: 'passwd', size: null }, {}]),
    chooseFile: await invoke(channels.chooseFile, fromUs(), 'import'),
    chooseFileBadPurpose: await invoke(channels.chooseFile, fromUs(), 'evil'),
    grantNotAString: await invoke(channels.grantFile, fromUs(), 42),
    grantDropped: await invoke(channels.grantFile, fromUs(), tarball),
    contextMenu: await invoke(channels.contextMenu, fromUs(), { items: [{ id: 'copy', label: 'Copy reference' }, { id: 'rm', label: 'Remove…', separatorBefore: true, enabled: false }], x: 10.4, y: 20 }),
    contextMenuBad: await invoke(channels.contextMenu, fromUs(), { items: 'rm -rf' }),
  };
  report.popups = record.popups;
  report.dialogParentIsOurWindow = record.openDialogs.length > 0 && record.openDialogs.every((d) => d.window === window);
  // Every method of the API reaches main's rpc table: too many arguments is refused by its argument check, which
  // knows the method, before anything runs.
  report.methodsThroughIpc = {};
  for (const method of methods) report.methodsThroughIpc[method] = await rpc(method, new Array(64).fill(0));

  const granted = report.ipcOurs.grantDropped.value?.value;
  report.ipcOurs.importGranted = await rpc('importRootfs', [granted, { reference: 'stand-in/empty:1' }]);
  const finished = () => contents.sent.some((m) => m.channel === channels.event && ['done', 'failed'].includes(m.args[0]?.task?.state));
  await until(finished, 'the import task to finish (an event to our window)').catch((err) => {
    report.eventWaitError = err.message;
  });

  // File ▸ Import…: the native dialog (answering with the tarball this time), then the page is asked to open it.
  control.configure({ openDialogResult: { canceled: false, filePaths: [tarball] } });
  const importItem = (record.menuTemplate ?? []).flatMap((item) => item.submenu ?? []).find((item) => item.label === 'Import…');
  report.menuImportFound = typeof importItem?.click === 'function';
  importItem?.click?.({}, window, {});
  await until(() => contents.sent.some((m) => m.channel === channels.openFile), 'File ▸ Import… to reach the page').catch((err) => {
    report.openFileWaitError = err.message;
  });
  report.sentToWindow = contents.sent;

  // Second instance, window lifecycle, quit.
  window.minimized = true;
  app.emit('second-instance', {}, ['berth'], '/');
  report.secondInstance = { restored: window.restored, focused: window.focused };
  const quitsBefore = record.quits;
  app.emit('window-all-closed');
  report.quitOnAllClosed = record.quits > quitsBefore;
  window.destroyed = true;
  window.emit('closed');
  app.emit('activate');
  report.windowsAfterActivate = record.windows.length;
  app.emit('will-quit');
  report.ipcChannelsAfterWillQuit = [...record.ipcHandlers.keys()];
}

try {
  if (scenario === 'second-instance') await secondInstance();
  else await primary();
} catch (err) {
  report.harnessError = err instanceof Error ? (err.stack ?? err.message) : String(err);
}
report.privilegedSchemes = record.privilegedSchemes;
report.errorBoxes = record.errorBoxes;
report.exitCodes = record.exitCodes;
report.quits = record.quits;
report.calls = record.calls.map(({ call, ready, args }) => ({ call, ready, ...(call === 'window.loadURL' ? { args } : {}) }));
await writeFile(reportPath, JSON.stringify(report, null, 2));
// The store watcher and any other handles belong to the app under test; this process's work is done.
process.exit(0);
