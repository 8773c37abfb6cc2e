// TEST ONLY. A stand-in for the `electron` module, so the built main bundle (dist/electron/main.js) can run in plain
// Node where Electron's binary is missing (see main-bundle.test.ts). electron-hooks.mjs resolves `electron` here.
// It records every call in order, with whether the app was ready at that moment, and lets the harness
// (run-main.mjs) drive events itself (`ready`, `will-navigate`, …) instead of waiting on timers.
// Where real Electron refuses a call before `ready` (BrowserWindow, session.defaultSession, protocol.handle) or
// after it (protocol.registerSchemesAsPrivileged), this stand-in throws too, so an ordering bug shows up as a failure.
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** Everything the harness reads back. */
export const record = {
  /** Ordered calls: { call, ready, args? }. */
  calls: [],
  windows: [],
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  permissionHandlers: {},
  menuTemplate: null,
  /** Context menus popped up: { template, options } (the stand-in dismisses each at once, as a user pressing Escape). */
  popups: [],
  errorBoxes: [],
  exitCodes: [],
  quits: 0,
  openedExternally: [],
  openDialogs: [],
};

const config = { singleInstanceLock: true, isPackaged: false, openDialogResult: { canceled: true, filePaths: [] } };
let ready = false;
let resolveReady;
const readyPromise = new Promise((resolve) => {
  resolveReady = resolve;
});

function note(call, args) {
  record.calls.push({ call, ready, ...(args === undefined ? {} : { args }) });
}

function requireReady(what) {
  if (!ready) throw new Error(`electron stand-in: ${what} before the app is ready (real Electron refuses this too)`);
}

/** Harness controls. */
export const control = {
  configure(options) {
    Object.assign(config, options);
  },
  mark(label) {
    record.calls.push({ call: `mark:${label}`, ready });
  },
  /** What Electron does when it has initialised: `ready` is emitted, then whenReady() resolves. */
  emitReady() {
    if (ready) return;
    ready = true;
    note('app.emit(ready)');
    app.emit('ready', {}, {});
    resolveReady();
  },
  get ready() {
    return ready;
  },
};

let nextId = 1;

/** A webContents with the parts main uses: events, the window-open handler, the main frame and its URL. */
export class FakeWebContents extends EventEmitter {
  constructor(url = '') {
    super();
    this.id = nextId++;
    this.mainFrame = { url, routingId: nextId++ };
    this.windowOpenHandler = null;
    this.sent = [];
    this.destroyed = false;
  }

  setWindowOpenHandler(handler) {
    note('webContents.setWindowOpenHandler');
    this.windowOpenHandler = handler;
  }

  getURL() {
    return this.mainFrame.url;
  }

  send(channel, ...args) {
    this.sent.push({ channel, args: JSON.parse(JSON.stringify(args)) });
  }

  isDestroyed() {
    return this.destroyed;
  }
}

class App extends EventEmitter {
  get isPackaged() {
    return config.isPackaged;
  }

  enableSandbox() {
    note('app.enableSandbox');
  }

  requestSingleInstanceLock() {
    note('app.requestSingleInstanceLock');
    return config.singleInstanceLock;
  }

  whenReady() {
    note('app.whenReady');
    return readyPromise;
  }

  isReady() {
    return ready;
  }

  quit() {
    note('app.quit');
    record.quits += 1;
  }

  exit(code = 0) {
    note('app.exit', [code]);
    record.exitCodes.push(code);
  }

  getVersion() {
    return '0.0.0-stand-in';
  }

  on(event, listener) {
    note(`app.on(${String(event)})`);
    return super.on(event, listener);
  }
}

export const app = new App();

export class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    requireReady('new BrowserWindow');
    super();
    note('new BrowserWindow');
    this.options = options;
    this.webContents = new FakeWebContents();
    this.loadedUrls = [];
    this.shown = false;
    this.focused = 0;
    this.restored = 0;
    this.minimized = false;
    this.destroyed = false;
    record.windows.push(this);
    // As Electron does for every web contents it makes.
    app.emit('web-contents-created', {}, this.webContents);
  }

  loadURL(url) {
    note('window.loadURL', [url]);
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }

  show() {
    this.shown = true;
  }

  focus() {
    this.focused += 1;
  }

  restore() {
    this.restored += 1;
    this.minimized = false;
  }

  isMinimized() {
    return this.minimized;
  }

  isDestroyed() {
    return this.destroyed;
  }
}

export const nativeTheme = { shouldUseDarkColors: false };

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    note('protocol.registerSchemesAsPrivileged', [schemes]);
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready'); // Electron's own error
    record.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    requireReady('protocol.handle');
    note('protocol.handle', [scheme]);
    record.protocolHandlers.set(scheme, handler);
  },
};

/** net.fetch for file: URLs, as the protocol handler uses it; a missing file rejects, as Chromium's loader does. */
export const net = {
  async fetch(url) {
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:') throw new Error(`electron stand-in: net.fetch only serves file: URLs, not ${url}`);
    const body = await readFile(fileURLToPath(parsed)).catch(() => {
      throw new Error(`net::ERR_FILE_NOT_FOUND ${url}`);
    });
    return new Response(body, { status: 200 });
  },
};

const defaultSession = {
  setPermissionRequestHandler(handler) {
    note('session.setPermissionRequestHandler');
    record.permissionHandlers.request = handler;
  },
  setPermissionCheckHandler(handler) {
    note('session.setPermissionCheckHandler');
    record.permissionHandlers.check = handler;
  },
  setDevicePermissionHandler(handler) {
    note('session.setDevicePermissionHandler');
    record.permissionHandlers.device = handler;
  },
};

export const session = {
  get defaultSession() {
    requireReady('session.defaultSession');
    return defaultSession;
  },
};

export const shell = {
  async openExternal(url) {
    note('shell.openExternal', [url]);
    record.openedExternally.push(url);
  },
  async openPath(target) {
    note('shell.openPath', [target]);
    return '';
  },
};

export const ipcMain = {
  handle(channel, handler) {
    note('ipcMain.handle', [channel]);
    if (record.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel) {
    note('ipcMain.removeHandler', [channel]);
    record.ipcHandlers.delete(channel);
  },
};

export const dialog = {
  async showOpenDialog(window, options) {
    note('dialog.showOpenDialog');
    record.openDialogs.push({ window, options });
    return config.openDialogResult;
  },
  async showMessageBox() {
    note('dialog.showMessageBox');
    return { response: 0, checkboxChecked: false };
  },
  showErrorBox(title, content) {
    note('dialog.showErrorBox', [title, content]);
    record.errorBoxes.push({ title, content });
  },
};

export const Menu = {
  buildFromTemplate(template) {
    note('Menu.buildFromTemplate');
    return {
      template,
      popup(options = {}) {
        note('Menu.popup');
        record.popups.push({ template: JSON.parse(JSON.stringify(template)), options: { ...options, window: options.window ? 'window' : null, callback: undefined } });
        options.callback?.();
      },
    };
  },
  setApplicationMenu(menu) {
    note('Menu.setApplicationMenu');
    record.menuTemplate = menu?.template ?? null;
  },
};

export default { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, net, protocol, session, shell };
