// The page's only door to the app: `window.berth`, a BerthBridge over IPC. Runs sandboxed and is bundled to one
// CommonJS file. Errors cross contextBridge as plain Errors (custom fields are dropped), so each carries its code
// in the message as `[CODE] message`; renderer/src/bridge/electron.ts turns that back into a BerthError.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { BERTH_METHODS } from '../../shared/api.js';
import type { BerthEvent, FileSource, RpcResponse } from '../../shared/api.js';
import type { ErrorPayload } from '../../shared/errors.js';
import { IPC } from '../main/channels.js';

type ShellReply<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

function encodeError(error: ErrorPayload): Error {
  return new Error(`[${error.code}] ${error.message}`);
}

let nextId = 1;

async function call(method: string, args: unknown[]): Promise<unknown> {
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  const response = (await ipcRenderer.invoke(IPC.rpc, { id: nextId++, method, args })) as RpcResponse;
  if (!response.ok) throw encodeError(response.error);
  return response.value;
}

async function shellCall<T>(channel: string, arg: unknown): Promise<T> {
  const reply = (await ipcRenderer.invoke(channel, arg)) as ShellReply<T>;
  if (!reply.ok) throw encodeError(reply.error);
  return reply.value;
}

function subscribe<T>(channel: string, listener: (value: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, value: T) => listener(value);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const methods = Object.fromEntries(BERTH_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]));

contextBridge.exposeInMainWorld('berth', {
  ...methods,
  shell: 'electron',
  onEvent: (listener: (event: BerthEvent) => void) => subscribe(IPC.event, listener),
  onOpenFile: (listener: (request: unknown) => void) => subscribe(IPC.openFile, listener),
  /** Only a real dropped or picked File has a path; main checks it and remembers it as chosen by the user. */
  async fileSource(file: File): Promise<FileSource> {
    const filePath = webUtils.getPathForFile(file);
    return { path: await shellCall<string>(IPC.grantDroppedFile, filePath) };
  },
  chooseFile: (purpose: 'import' | 'load') => shellCall<FileSource | null>(IPC.chooseFile, purpose),
});
