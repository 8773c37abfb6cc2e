// The application menu: the usual roles and shortcuts, plus File ▸ Import… and Load….
import { app, Menu, shell } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  importFile(): void;
  loadFile(): void;
  about(): void;
  storePath: string;
}

export function buildMenu(actions: MenuActions, platform: NodeJS.Platform = process.platform): Menu {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: () => actions.importFile() },
        { label: 'Load…', accelerator: 'CmdOrCtrl+O', click: () => actions.loadFile() },
        { type: 'separator' },
        { label: 'Show Store Folder', click: () => void shell.openPath(actions.storePath) },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        // Developer tools only in development builds: a packaged app should not offer a console into the page.
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: mac ? [] : [{ label: 'About Berth', click: () => actions.about() }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
