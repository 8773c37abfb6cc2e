// IPC wiring: every handler goes through `fromOurPage`, which admits only the main frame of our window showing
// our own page; then the shared RPC handler table does the rest. Service events go out on one channel.
import { ipcMain, Menu } from 'electron';
import type { BrowserWindow } from 'electron';
import type { FileRef, FileTargetRef, Reply } from '../../shared/api.js';
import type { OpenFileRequest } from '../../shared/preload-api.js';
import { BerthError, toErrorPayload } from '../../shared/errors.js';
import { createRpcHandler } from '../core/rpc.js';
import type { BerthService } from '../core/service-api.js';
import { IPC } from './channels.js';
import { isTrustedSender } from './sender.js';
import { chooseSaveTarget, chooseTarball } from './dialogs.js';
import { checkContextMenuRequest, popupContextMenu } from './context-menu.js';
import type { FileGrants } from './file-grants.js';
import type { DragOut } from './drag-out.js';

export interface IpcWiring {
  service: BerthService;
  grants: FileGrants;
  getWindow(): BrowserWindow | null;
  /** Writes dragged-out rows to a temporary tarball; with `dragIcon`, the picture under the pointer. */
  dragOut?: DragOut;
  dragIcon?: string;
}

export function wireIpc({ service, grants, getWindow, dragOut, dragIcon }: IpcWiring): () => void {
  const handleRpc = createRpcHandler(service, { files: grants });

  function fromOurPage<A extends unknown[], R>(channel: string, handler: (window: BrowserWindow, ...args: A) => Promise<R>): void {
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      const window = getWindow();
      if (!isTrustedSender(event, window)) {
        console.warn(`Berth: refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        throw new Error('Berth: refused a message from a page that is not Berth');
      }
      return handler(window!, ...(args as A));
    });
  }

  async function reply<T>(work: () => Promise<T>): Promise<Reply<T>> {
    try {
      return { ok: true, value: await work() };
    } catch (err) {
      return { ok: false, error: toErrorPayload(err) };
    }
  }

  fromOurPage(IPC.rpc, async (_window, request: unknown) => handleRpc(request));
  fromOurPage(IPC.grantFile, async (_window, filePath: unknown) =>
    reply(async () => {
      if (typeof filePath !== 'string') throw new BerthError('INVALID_ARGUMENT', 'expected a file path');
      return grants.grant(filePath);
    }),
  );
  fromOurPage(IPC.chooseFile, async (window, purpose: unknown) =>
    reply(async (): Promise<FileRef | null> => {
      if (purpose !== 'import' && purpose !== 'load') throw new BerthError('INVALID_ARGUMENT', 'purpose must be import or load');
      const chosen = await chooseTarball(window, purpose);
      return chosen ? grants.grant(chosen) : null;
    }),
  );

  fromOurPage(IPC.chooseTarget, async (window, suggestedName: unknown) =>
    reply(async (): Promise<FileTargetRef | null> => {
      if (typeof suggestedName !== 'string' || suggestedName.length > 255) throw new BerthError('INVALID_ARGUMENT', 'expected a file name');
      const chosen = await chooseSaveTarget(window, suggestedName);
      return chosen ? grants.grantTarget(chosen) : null;
    }),
  );

  fromOurPage(IPC.dragOut, async (window, references: unknown, name: unknown) =>
    reply(async (): Promise<null> => {
      if (!dragOut) throw new BerthError('INVALID_ARGUMENT', 'this window cannot drag files out');
      if (!Array.isArray(references) || references.length === 0 || references.length > 1000 || !references.every((r) => typeof r === 'string')) {
        throw new BerthError('INVALID_ARGUMENT', 'expected the references of the dragged rows');
      }
      if (typeof name !== 'string' || name.length > 255) throw new BerthError('INVALID_ARGUMENT', 'expected a file name');
      const file = await dragOut.write(references as string[], name);
      // The OS drag starts from where the pointer is now; the file exists whole before it does.
      window.webContents.startDrag({ file, icon: dragIcon ?? '' });
      return null;
    }),
  );

  fromOurPage(IPC.dragOutFiles, async (window, reference: unknown, imagePath: unknown, name: unknown) =>
    reply(async (): Promise<null> => {
      if (!dragOut) throw new BerthError('INVALID_ARGUMENT', 'this window cannot drag files out');
      if (typeof reference !== 'string' || reference === '' || reference.length > 1000) throw new BerthError('INVALID_ARGUMENT', 'expected the image of the dragged path');
      if (typeof imagePath !== 'string' || imagePath.length > 4096) throw new BerthError('INVALID_ARGUMENT', 'expected a path in the image');
      if (typeof name !== 'string' || name.length > 255) throw new BerthError('INVALID_ARGUMENT', 'expected a file name');
      const file = await dragOut.writeFiles(reference, imagePath, name);
      window.webContents.startDrag({ file, icon: dragIcon ?? '' });
      return null;
    }),
  );

  fromOurPage(IPC.contextMenu, async (window, request: unknown) =>
    reply(async () => popupContextMenu(Menu, window, checkContextMenuRequest(request))),
  );

  const unsubscribe = service.onEvent((event) => {
    const window = getWindow();
    if (window && !window.isDestroyed()) window.webContents.send(IPC.event, event);
  });

  return () => {
    unsubscribe();
    for (const channel of [IPC.rpc, IPC.grantFile, IPC.chooseFile, IPC.chooseTarget, IPC.dragOut, IPC.contextMenu, IPC.dragOutFiles]) ipcMain.removeHandler(channel);
  };
}

/** File ▸ Import… and Load…: the native dialog, then the page's import dialog or load for the chosen file. */
export async function openFromMenu(window: BrowserWindow, grants: FileGrants, purpose: 'import' | 'load'): Promise<void> {
  const chosen = await chooseTarball(window, purpose);
  if (!chosen) return;
  const request: OpenFileRequest = { purpose, file: await grants.grant(chosen) };
  window.webContents.send(IPC.openFile, request);
}
