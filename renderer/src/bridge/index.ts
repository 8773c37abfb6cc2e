// The one way the renderer reaches its shell: Electron's preload when present, else the WebSocket bridge.
import { electronBridge } from './electron.js';
import { createWebBridge } from './web.js';
import type { ShellBridge } from './types.js';

export type { ConnectionState, ContextMenuItem, ContextMenuResult, FileTarget, OpenFileRequest, ShellBridge } from './types.js';

let current: ShellBridge | null = null;

export function getBridge(): ShellBridge {
  current ??= typeof window !== 'undefined' && window.berth ? electronBridge(window.berth) : createWebBridge();
  return current;
}
