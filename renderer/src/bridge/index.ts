// The one way the renderer reaches its shell: Electron's preload bridge when present, else the WebSocket bridge.
import { adaptElectronBridge } from './electron.js';
import { createWebBridge } from './web.js';
import type { ShellBridge } from './types.js';

export type { OpenFileRequest, ShellBridge } from './types.js';
export { createWebBridge } from './web.js';
export { adaptElectronBridge, decodeShellError } from './electron.js';

let current: ShellBridge | null = null;

export function getBridge(): ShellBridge {
  current ??= typeof window !== 'undefined' && window.berth ? adaptElectronBridge(window.berth) : createWebBridge();
  return current;
}

/** For tests: use a fake bridge (or forget the current one with null). */
export function setBridge(bridge: ShellBridge | null): void {
  current = bridge;
}
