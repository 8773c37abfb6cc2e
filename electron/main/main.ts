// The Electron main process: one instance, one window, the same store as the CLI.
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { createService } from '../core/service.js';
import type { BerthService } from '../core/service-api.js';
import { showAbout } from './dialogs.js';
import { DragOut } from './drag-out.js';
import { FileGrants } from './file-grants.js';
import { openFromMenu, wireIpc } from './ipc.js';
import { buildMenu } from './menu.js';
import { denyPermissions, hardenWebContents, registerAppScheme, serveRenderer } from './security.js';
import { createMainWindow } from './window.js';

// dist/electron/main.js sits beside preload.cjs; the renderer is in dist/renderer, the icon in resources/.
const here = path.dirname(fileURLToPath(import.meta.url));
const preload = path.join(here, 'preload.cjs');
const rendererDir = path.join(here, '..', 'renderer');
const icon = path.join(here, '..', '..', 'resources', 'icon.png');

app.enableSandbox();
registerAppScheme();
hardenWebContents();

let window: BrowserWindow | null = null;
let service: BerthService | null = null;
let unwire: (() => void) | null = null;
let dragOut: DragOut | null = null;
const grants = new FileGrants();

function openWindow(): void {
  window = createMainWindow({ preload, ...(existsSync(icon) ? { icon } : {}) });
  window.on('closed', () => {
    window = null;
  });
}

async function start(): Promise<void> {
  denyPermissions();
  serveRenderer(rendererDir);
  service = await createService({ watch: true, indexInBackground: true });
  const storePath = service.storePath;
  dragOut = new DragOut(service);
  unwire = wireIpc({ service, grants, getWindow: () => window, dragOut, ...(existsSync(icon) ? { dragIcon: icon } : {}) });
  Menu.setApplicationMenu(buildMenu({
    storePath,
    importFile: () => {
      if (window) openFromMenu(window, grants, 'import').catch((err: unknown) => dialog.showErrorBox('Import', (err as Error).message));
    },
    loadFile: () => {
      if (window) openFromMenu(window, grants, 'load').catch((err: unknown) => dialog.showErrorBox('Load', (err as Error).message));
    },
    about: () => {
      if (window) void showAbout(window, storePath);
    },
  }));
  openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!window && service) openWindow();
  });
  app.on('will-quit', () => {
    unwire?.();
    void dragOut?.close();
    void service?.close();
  });
  app.whenReady().then(start).catch((err: unknown) => {
    dialog.showErrorBox('Berth could not start', (err as Error).message ?? String(err));
    app.exit(1);
  });
}
