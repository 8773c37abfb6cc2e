// The page's only door to the app: `window.berth` (shared/preload-api.ts). Runs sandboxed, bundled to one
// CommonJS file. It forwards, it does not interpret: replies and errors cross as plain data.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import type { BerthEvent, FileRef, FileTargetRef, Reply, RpcRequest, RpcResponse } from '../../shared/api.js';
import type { ContextMenuRequest, OpenFileRequest, PreloadApi } from '../../shared/preload-api.js';
import { IPC } from '../main/channels.js';

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, value: T) => listener(value);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const api: PreloadApi = {
  shell: 'electron',
  invoke: (request: RpcRequest) => ipcRenderer.invoke(IPC.rpc, request) as Promise<RpcResponse>,
  /** Only a real dropped or picked File has a path; main checks it and remembers it as chosen by the user. */
  grantFile: (file: File) => ipcRenderer.invoke(IPC.grantFile, webUtils.getPathForFile(file)) as Promise<Reply<FileRef>>,
  chooseFile: (purpose) => ipcRenderer.invoke(IPC.chooseFile, purpose) as Promise<Reply<FileRef | null>>,
  chooseTarget: (suggestedName: string) => ipcRenderer.invoke(IPC.chooseTarget, suggestedName) as Promise<Reply<FileTargetRef | null>>,
  dragOut: (references: string[], name: string) => ipcRenderer.invoke(IPC.dragOut, references, name) as Promise<Reply<null>>,
  onEvent: (listener: (event: BerthEvent) => void) => subscribe(IPC.event, listener),
  onOpenFile: (listener: (request: OpenFileRequest) => void) => subscribe(IPC.openFile, listener),
  showContextMenu: (request: ContextMenuRequest) => ipcRenderer.invoke(IPC.contextMenu, request) as Promise<Reply<string | null>>,
  dragOutFiles: (reference: string, path: string, name: string) => ipcRenderer.invoke(IPC.dragOutFiles, reference, path, name) as Promise<Reply<null>>,
};

contextBridge.exposeInMainWorld('berth', api);
