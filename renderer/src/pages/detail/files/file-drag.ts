// Dragging a file or folder out of the Files tree, as the Images rows drag images out. Electron: main writes it
// (saveImageFiles into a private temporary folder), then starts the OS drag. Chromium in the browser shell:
// `DownloadURL` drag data naming a one-use download the export streams into, asked for when the button goes down
// on the row (dragstart cannot wait for it); a drag that ends nowhere cancels its export.
import type { DragEvent } from 'react';
import type { ImageFileEntry } from '../../../../../shared/api';
import { toErrorPayload } from '../../../../../shared/errors';
import { getBridge, type FileTarget } from '../../../bridge/index';
import { selectActionsDisabled, useAppStore } from '../../../state/store';
import { canSave, savedName } from './save-name';

let prepared: { key: string; target: FileTarget } | null = null;

const keyOf = (imageId: string, entry: ImageFileEntry) => `${imageId}\u0000${entry.path}`;

export function prepareFileDrag(imageId: string, entry: ImageFileEntry): void {
  const bridge = getBridge();
  if (bridge.shell !== 'web' || !bridge.fileTarget || !canSave(entry) || selectActionsDisabled(useAppStore.getState())) return;
  prepared = null;
  const key = keyOf(imageId, entry);
  // Unused, the target simply expires on the server: nothing was started with it.
  void bridge.fileTarget(savedName(entry)).then(
    (target) => {
      if (target) prepared = { key, target };
    },
    () => undefined,
  );
}

export function startFileDrag(event: DragEvent<HTMLElement>, imageId: string, entry: ImageFileEntry): void {
  const bridge = getBridge();
  const name = savedName(entry);
  const { pushToast } = useAppStore.getState();
  if (!canSave(entry) || selectActionsDisabled(useAppStore.getState())) return event.preventDefault();
  if (bridge.dragOutFiles) {
    event.preventDefault();
    void bridge.dragOutFiles(imageId, entry.path, name).catch((err: unknown) => pushToast({ tone: 'error', message: `Could not drag ${name} out`, detail: toErrorPayload(err).message }));
    return;
  }
  event.dataTransfer.setData('text/plain', entry.path);
  event.dataTransfer.effectAllowed = 'copy';
  const ready = prepared?.key === keyOf(imageId, entry) ? prepared.target : null;
  prepared = null;
  if (!ready?.url) return;
  const type = entry.kind === 'dir' ? 'application/x-tar' : 'application/octet-stream';
  event.dataTransfer.setData('DownloadURL', `${type}:${name}:${ready.url}`);
  const started = bridge.saveImageFiles(imageId, entry.path, ready.ref).catch((err: unknown) => {
    pushToast({ tone: 'error', message: `Could not save ${name}`, detail: toErrorPayload(err).message });
    return null;
  });
  event.currentTarget.addEventListener(
    'dragend',
    (end) => {
      // Dropped nowhere (or back on the page): nobody will fetch the file, so its export stops now.
      if ((end as globalThis.DragEvent).dataTransfer?.dropEffect === 'none') void started.then((handle) => handle && bridge.cancelTask(handle.taskId).catch(() => undefined));
    },
    { once: true },
  );
}
