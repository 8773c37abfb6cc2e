// The page's own upload task: on the list from the first byte, cancellable, and replaced by the service task it
// starts so the user sees one entry; a cancel ends it as cancelled with a neutral toast.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { FileRef, FileRefOptions, TaskHandle, TaskInfo } from '../../../shared/api';
import { BerthError } from '../../../shared/errors';
import type { Toast } from './ui-slice';

interface Upload {
  options: FileRefOptions;
  finish(ref: FileRef): void;
}
const uploads: Upload[] = [];
const cancelled: string[] = [];
const bridge = {
  fileRef: (_file: File, options: FileRefOptions = {}) =>
    new Promise<FileRef>((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new BerthError('CANCELLED', 'The upload of notes.tar was cancelled')));
      uploads.push({ options, finish: resolve });
    }),
  cancelTask: async (taskId: string) => void cancelled.push(taskId),
};
vi.mock('../bridge/index', () => ({ getBridge: () => bridge }));

const { createTasksSlice } = await import('./tasks-slice');

function makeStore() {
  const toasts: Array<Omit<Toast, 'id'>> = [];
  const store = create<ReturnType<typeof createTasksSlice>>()((set, get, api) => ({
    // The slice only calls these two of the rest of the app.
    ...createTasksSlice(set as never, get as never, api as never),
    pushToast: (toast: Omit<Toast, 'id'>) => toasts.push(toast),
    reportFatal: () => undefined,
  }));
  return { store, toasts };
}

const file = new File([new Uint8Array(1000)], 'notes.tar');
const serviceTask = (state: TaskInfo['state']): TaskInfo => ({
  id: 't1', kind: 'import', title: 'Import notes.tar', state, progress: { current: 0, total: 1000 }, children: [],
  error: null, result: null, startedAt: new Date(Date.now() + 5).toISOString(), endedAt: null,
});

beforeEach(() => {
  uploads.length = 0;
  cancelled.length = 0;
});

describe('uploadThenStart', () => {
  it('lists the upload at once, follows its bytes, then hands the entry to the service task', async () => {
    const { store } = makeStore();
    const start = vi.fn(async (): Promise<TaskHandle<'import'>> => ({ taskId: 't1', kind: 'import' }));
    const { uploadId, started } = store.getState().uploadThenStart({ file, kind: 'import', title: 'Import notes.tar', start });
    expect(store.getState().tasks).toMatchObject([{ id: uploadId, state: 'running', progress: { current: 0, total: 1000 }, upload: { phase: 'uploading' } }]);

    await vi.waitFor(() => expect(uploads).toHaveLength(1));
    uploads[0]!.options.onProgress!(400, 1000);
    expect(store.getState().tasks[0]!.progress).toEqual({ current: 400, total: 1000 });

    // The service's first update may come before its reply: the entry changes hands, never two at once.
    let reply!: (handle: TaskHandle<'import'>) => void;
    start.mockImplementation(() => new Promise((resolve) => (reply = resolve)));
    uploads[0]!.finish({ fileId: 'f1', name: 'notes.tar', size: 1000 });
    await vi.waitFor(() => expect(store.getState().tasks[0]!.upload).toEqual({ phase: 'starting' }));
    store.getState().applyTaskUpdate(serviceTask('running'));
    expect(store.getState().tasks).toMatchObject([{ id: 't1', uploaded: { bytes: 1000 } }]);
    expect(store.getState().tasks).toHaveLength(1);
    reply({ taskId: 't1', kind: 'import' });
    await expect(started).resolves.toEqual({ taskId: 't1', kind: 'import' });
    expect(start).toHaveBeenCalledWith({ fileId: 'f1', name: 'notes.tar', size: 1000 });
    expect(store.getState().tasks).toHaveLength(1);
    expect(store.getState().tasks[0]).toMatchObject({ id: 't1', uploaded: { bytes: 1000 } });
    // Later updates keep the upload's part of the story.
    store.getState().applyTaskUpdate(serviceTask('done'));
    expect(store.getState().tasks[0]).toMatchObject({ id: 't1', state: 'done', uploaded: { bytes: 1000 } });
  });

  it('ends as cancelled, with a neutral toast that says so, when the user cancels mid-upload', async () => {
    const { store, toasts } = makeStore();
    const start = vi.fn();
    const { uploadId, started } = store.getState().uploadThenStart({ file, kind: 'import', title: 'Import notes.tar', start });
    await vi.waitFor(() => expect(uploads).toHaveLength(1));
    uploads[0]!.options.onProgress!(300, 1000);
    await store.getState().cancelTask(uploadId);
    await expect(started).rejects.toMatchObject({ code: 'CANCELLED' });
    await vi.waitFor(() => expect(store.getState().tasks[0]!.state).toBe('cancelled'));
    expect(store.getState().tasks[0]).toMatchObject({ id: uploadId, progress: { current: 300, total: 1000 }, error: { code: 'CANCELLED' } });
    expect(toasts).toEqual([{ tone: 'info', message: 'Cancelled: Import notes.tar', taskId: uploadId }]);
    expect(start).not.toHaveBeenCalled();
    expect(cancelled).toEqual([]); // nothing of the service's to cancel
  });

  it('cancels the service task when the cancel came while it was starting', async () => {
    const { store } = makeStore();
    let reply!: (handle: TaskHandle<'import'>) => void;
    const start = () => new Promise<TaskHandle<'import'>>((resolve) => (reply = resolve));
    const { uploadId, started } = store.getState().uploadThenStart({ file, kind: 'import', title: 'Import notes.tar', start });
    await vi.waitFor(() => expect(uploads).toHaveLength(1));
    uploads[0]!.finish({ fileId: 'f1', name: 'notes.tar', size: 1000 });
    await vi.waitFor(() => expect(store.getState().tasks[0]!.upload).toEqual({ phase: 'starting' }));
    await store.getState().cancelTask(uploadId);
    reply({ taskId: 't1', kind: 'import' });
    await started;
    expect(cancelled).toEqual(['t1']);
  });

  it('keeps the page\'s own uploads when the service\'s list is reloaded', async () => {
    const { store } = makeStore();
    const { uploadId } = store.getState().uploadThenStart({ file, kind: 'import', title: 'Import notes.tar', start: vi.fn() });
    Object.assign(bridge, { listTasks: async () => [serviceTask('running')] });
    await store.getState().loadTasks();
    expect(store.getState().tasks.map((task) => task.id).sort()).toEqual(['t1', uploadId].sort());
  });

  it('ends a running task the service no longer knows (it restarted) instead of leaving it frozen', async () => {
    const { store } = makeStore();
    store.getState().applyTaskUpdate({ ...serviceTask('running'), id: 'old' });
    store.getState().applyTaskUpdate({ ...serviceTask('done'), id: 'old-done', endedAt: new Date().toISOString() });
    Object.assign(bridge, { listTasks: async () => [serviceTask('running')] });
    await store.getState().loadTasks();
    const byId = new Map(store.getState().tasks.map((task) => [task.id, task]));
    expect(byId.get('old')).toMatchObject({ state: 'failed', error: { message: 'Berth stopped before this task finished' } });
    expect(byId.get('old-done')?.state).toBe('done');
    expect(byId.get('t1')?.state).toBe('running');
  });
});
