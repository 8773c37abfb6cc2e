import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender.js';

// Stand-ins with the fields the check reads; identity is what matters, as it is for Electron's objects.
function fakeWindow(url = 'berth://app/index.html', destroyed = false) {
  const mainFrame = { url };
  const webContents = { mainFrame };
  return { webContents, isDestroyed: () => destroyed } as unknown as BrowserWindow & { webContents: { mainFrame: { url: string } } };
}

function eventFrom(sender: unknown, senderFrame: unknown): IpcMainInvokeEvent {
  return { sender, senderFrame } as unknown as IpcMainInvokeEvent;
}

describe('isTrustedSender', () => {
  it('admits the top frame of our window on our page', () => {
    const window = fakeWindow();
    expect(isTrustedSender(eventFrom(window.webContents, window.webContents.mainFrame), window)).toBe(true);
  });

  it('refuses a subframe, another window, a page elsewhere, a gone frame and a closed window', () => {
    const window = fakeWindow();
    const other = fakeWindow();
    expect(isTrustedSender(eventFrom(window.webContents, { url: 'berth://app/index.html' }), window)).toBe(false);
    expect(isTrustedSender(eventFrom(other.webContents, other.webContents.mainFrame), window)).toBe(false);
    expect(isTrustedSender(eventFrom(window.webContents, null), window)).toBe(false);
    expect(isTrustedSender(eventFrom(window.webContents, window.webContents.mainFrame), null)).toBe(false);

    const navigated = fakeWindow('https://evil.example/');
    expect(isTrustedSender(eventFrom(navigated.webContents, navigated.webContents.mainFrame), navigated)).toBe(false);
    const closed = fakeWindow('berth://app/index.html', true);
    expect(isTrustedSender(eventFrom(closed.webContents, closed.webContents.mainFrame), closed)).toBe(false);
  });
});
