// Who may call the main process: only the top frame of our window, showing our own page. Type-only Electron
// imports, so this is tested in plain Node with stand-in objects.
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './urls.js';

/** True when the message comes from the top frame of `window`, showing berth://app/. Frames, other windows and pages elsewhere are refused. */
export function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  return event.sender === window.webContents && frame !== null && frame === window.webContents.mainFrame && isAppUrl(frame.url);
}
