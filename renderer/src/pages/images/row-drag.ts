// Dragging rows out of the window as a tarball. Electron: main writes the file (a save task with its progress in
// Tasks), then starts the OS drag with webContents.startDrag. Chromium in the browser shell: `DownloadURL` drag
// data naming a one-use download the save streams into, fetched by the browser when the rows are dropped on the
// desktop or a file manager. That URL must be in hand when the drag starts (dragstart cannot wait), so it is asked
// for when the button goes down on a row; a drag that ends nowhere cancels its save.
import type { DragEvent } from 'react';
import type { ImageSummary } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge, type FileTarget } from '../../bridge/index';
import { rowKey, rowTarget } from '../../state/rows';
import { selectActionsDisabled, useAppStore } from '../../state/store';
import { suggestedSaveName } from '../save/save-name';

/** The rows a drag from `row` carries: the selection when the row is in it, else the row alone. */
function draggedRows(row: ImageSummary): ImageSummary[] {
  const state = useAppStore.getState();
  if (!state.selection.includes(rowKey(row))) return [row];
  const chosen = new Set(state.selection);
  return state.visibleImages.filter((image) => chosen.has(rowKey(image)));
}

/** A download target asked for ahead of a possible drag (browser shell), ready by the time the pointer has moved. */
let prepared: { key: string; target: FileTarget } | null = null;

export function prepareRowDrag(row: ImageSummary): void {
  const bridge = getBridge();
  if (bridge.shell !== 'web' || !bridge.fileTarget || selectActionsDisabled(useAppStore.getState())) return;
  const key = rowKey(row);
  prepared = null;
  // Unused, the target simply expires on the server: nothing was started with it.
  void bridge.fileTarget(suggestedSaveName(draggedRows(row))).then(
    (target) => {
      if (target) prepared = { key, target };
    },
    () => undefined,
  );
}

export function startRowDrag(event: DragEvent<HTMLElement>, row: ImageSummary): void {
  const bridge = getBridge();
  const rows = draggedRows(row);
  const name = suggestedSaveName(rows);
  const references = rows.map(rowTarget);
  const { pushToast } = useAppStore.getState();
  if (selectActionsDisabled(useAppStore.getState())) return event.preventDefault();
  if (bridge.dragOut) {
    // The OS drag of a file Electron starts itself, once the file is written.
    event.preventDefault();
    void bridge.dragOut(references, name).catch((err: unknown) => pushToast({ tone: 'error', message: `Could not drag ${name} out`, detail: toErrorPayload(err).message }));
    return;
  }
  event.dataTransfer.setData('text/plain', references.join('\n'));
  event.dataTransfer.effectAllowed = 'copy';
  const ready = prepared?.key === rowKey(row) ? prepared.target : null;
  prepared = null;
  if (!ready?.url) return;
  event.dataTransfer.setData('DownloadURL', `application/x-tar:${name}:${ready.url}`);
  const started = bridge.save(references, ready.ref).catch((err: unknown) => {
    pushToast({ tone: 'error', message: `Could not save ${name}`, detail: toErrorPayload(err).message });
    return null;
  });
  const target = event.currentTarget;
  target.addEventListener(
    'dragend',
    (end) => {
      // Dropped nowhere (or back on the page): nobody will fetch the file, so its save stops now, not at expiry.
      if ((end as globalThis.DragEvent).dataTransfer?.dropEffect === 'none') void started.then((handle) => handle && bridge.cancelTask(handle.taskId).catch(() => undefined));
    },
    { once: true },
  );
}
