// Long operations reported by the service, plus the page's own uploads that lead into one; a toast when one ends.
import type { StateCreator } from 'zustand';
import type { FileRef, PullResult, PushResult, TaskHandle, TaskInfo, TaskKind, TaskState } from '../../../shared/api';
import { BerthError, toErrorPayload } from '../../../shared/errors';
import { getBridge } from '../bridge/index';
import { pullDoneMessage } from './pull-toast';
import type { AppState } from './types';

/**
 * A task as the Tasks page shows it. The service's tasks as they are; an upload in the browser shell is the page's
 * own task from its first byte (the service has nothing to report until the file has arrived), under the title
 * the service task will have, and gives way to that task once it starts: one entry for the user, two phases.
 */
export interface ShownTask extends TaskInfo {
  /** Set on the page's own upload entry: sending the file, or handing it to the service. */
  upload?: { phase: 'uploading' | 'starting' };
  /** Set on a service task that an upload led into: what was sent, and since when the whole thing runs. */
  uploaded?: { bytes: number; startedAt: string };
}

/** What `uploadThenStart` is given: the file, the task the user will see, and how to start it with the upload. */
export interface UploadThenStart<K extends TaskKind> {
  file: File;
  kind: K;
  /** As the service task will be titled, so the entry keeps its name when the service takes over. */
  title: string;
  start(file: FileRef): Promise<TaskHandle<K>>;
}

export interface TasksSlice {
  /** Newest first. */
  tasks: ShownTask[];
  loadTasks(): Promise<void>;
  applyTaskUpdate(task: TaskInfo): void;
  /**
   * Uploads `file` as a task of its own, then starts the service task with it. Returns the upload entry's ID at
   * once and, in `started`, the service task's handle (or the upload's error; CANCELLED after a cancel).
   */
  uploadThenStart<K extends TaskKind>(request: UploadThenStart<K>): { uploadId: string; started: Promise<TaskHandle<K>> };
  cancelTask(taskId: string): Promise<void>;
  clearFinishedTasks(): void;
}

const FINISHED: readonly TaskState[] = ['done', 'failed', 'cancelled'];

function endedWithService(task: ShownTask): ShownTask {
  if (FINISHED.includes(task.state)) return task;
  const error = { code: 'NETWORK' as const, message: 'Berth stopped before this task finished' };
  return { ...task, state: 'failed', error, endedAt: new Date().toISOString() };
}
const UPLOAD_PREFIX = 'upload:';

export function isFinished(task: Pick<TaskInfo, 'state'>): boolean {
  return FINISHED.includes(task.state);
}

/** Whether `taskId` names one of the page's own uploads (which the service knows nothing of). */
export function isUpload(taskId: string): boolean {
  return taskId.startsWith(UPLOAD_PREFIX);
}

function newestFirst(a: TaskInfo, b: TaskInfo): number {
  return Date.parse(b.startedAt) - Date.parse(a.startedAt);
}

/** Tasks whose failure or cancel a dialog on screen reports itself: said once, there, not in a toast as well. */
const reportedInPlace = new Set<string>();

/** Marks `taskId` as reported by the caller (a dialog following it); call the result when it no longer is. */
export function reportInPlace(taskId: string): () => void {
  reportedInPlace.add(taskId);
  return () => reportedInPlace.delete(taskId);
}

/** Stops a running upload; kept out of the store, which holds plain data only. */
const uploadControllers = new Map<string, AbortController>();
let nextUpload = 1;

export const createTasksSlice: StateCreator<AppState, [], [], TasksSlice> = (set, get) => {
  /** A toast for a task that just ended; the neutral tone for a cancel, which is the user's own doing. */
  function announceEnd(task: TaskInfo): void {
    // A success is always announced: the dialog closes on it, and the toast's Show opens the result.
    if (task.state !== 'done' && reportedInPlace.has(task.id)) return;
    if (task.kind === 'pull' && task.state === 'done' && task.result) {
      // docker's closing Status line ("Image is up to date" / "Downloaded newer image"), with Show.
      return get().pushToast({ tone: 'success', ...pullDoneMessage(task.result as PullResult), taskId: task.id });
    }
    if (task.kind === 'push' && task.state === 'done' && task.result) {
      // docker's closing `TAG: digest: sha256:… size: N` line, per tag.
      const { repository, tags } = task.result as PushResult;
      const message = tags.length === 1 ? `Pushed ${repository}:${tags[0]!.tag}` : `Pushed ${tags.length} tags of ${repository}`;
      return get().pushToast({ tone: 'success', message, detail: tags.map((t) => `${t.tag}: digest: ${t.digest} size: ${t.size}`).join('\n'), taskId: task.id });
    }
    get().pushToast(
      task.state === 'cancelled'
        ? { tone: 'info', message: `Cancelled: ${task.title}`, taskId: task.id }
        : {
            tone: task.state === 'done' ? 'success' : 'error',
            message: `${task.title} ${task.state === 'done' ? 'finished' : 'failed'}`,
            detail: task.error?.message,
            taskId: task.id,
          },
    );
  }

  function patch(taskId: string, change: (task: ShownTask) => ShownTask): void {
    set((state) => ({ tasks: state.tasks.map((task) => (task.id === taskId ? change(task) : task)) }));
  }

  return {
    tasks: [],

    async loadTasks() {
      try {
        const tasks = await getBridge().listTasks();
        // The page's own uploads are not the service's to list: keep them.
        const uploads = get().tasks.filter((task) => isUpload(task.id));
        // A task this page saw running that the service no longer knows died with a service that restarted:
        // it will never end by itself, so it is shown as ended instead of frozen mid-way.
        const known = new Set(tasks.map((task) => task.id));
        const orphans = get().tasks.filter((task) => !isUpload(task.id) && !known.has(task.id)).map(endedWithService);
        set({ tasks: [...uploads, ...orphans, ...tasks].sort(newestFirst) });
      } catch (err) {
        get().reportFatal(toErrorPayload(err));
      }
    },

    applyTaskUpdate(task) {
      const previous = get().tasks.find((t) => t.id === task.id);
      // The service's first word on a task can come before its reply to the call that started it: a new task
      // titled as an upload that is starting one is that upload's, so the entry changes hands instead of the
      // user seeing two for a moment. (Were it another window's identical import, only the "Uploaded" note errs.)
      const handover = previous ? undefined : get().tasks.find((t) => t.upload?.phase === 'starting' && t.kind === task.kind && t.title === task.title);
      const uploaded = previous?.uploaded ?? (handover && { bytes: handover.progress.total ?? 0, startedAt: handover.startedAt });
      const shown: ShownTask = uploaded ? { ...task, uploaded } : task;
      const tasks = previous
        ? get().tasks.map((t) => (t.id === task.id ? shown : t))
        : [shown, ...get().tasks.filter((t) => t !== handover)].sort(newestFirst);
      set({ tasks });
      if (isFinished(task) && !(previous && isFinished(previous))) announceEnd(task);
    },

    uploadThenStart({ file, kind, title, start }) {
      const uploadId = `${UPLOAD_PREFIX}${nextUpload++}`;
      const startedAt = new Date().toISOString();
      const controller = new AbortController();
      uploadControllers.set(uploadId, controller);
      const entry: ShownTask = {
        id: uploadId, kind, title, state: 'running', progress: { current: 0, total: file.size }, children: [],
        error: null, result: null, startedAt, endedAt: null, upload: { phase: 'uploading' },
      };
      set((state) => ({ tasks: [entry, ...state.tasks].sort(newestFirst) }));

      const started = (async () => {
        const ref = await getBridge().fileRef(file, {
          signal: controller.signal,
          onProgress: (sent, total) => patch(uploadId, (task) => ({ ...task, progress: { current: sent, total } })),
        });
        patch(uploadId, (task) => ({ ...task, upload: { phase: 'starting' }, progress: { current: file.size, total: file.size } }));
        const handle = await start(ref);
        // A cancel that came while the service was starting the task stops that task instead.
        if (controller.signal.aborted) void getBridge().cancelTask(handle.taskId).catch(() => undefined);
        const uploaded = { bytes: file.size, startedAt };
        set((state) => {
          const others = state.tasks.filter((task) => task.id !== uploadId);
          const known = others.some((task) => task.id === handle.taskId);
          // The service's first update may have come before its reply: then it is here already, to be marked.
          const tasks = known
            ? others.map((task) => (task.id === handle.taskId ? { ...task, uploaded } : task))
            : [{ ...entry, id: handle.taskId, upload: undefined, uploaded, progress: { current: 0, total: null } }, ...others];
          return { tasks: tasks.sort(newestFirst) };
        });
        return handle;
      })();

      started
        .catch((err: unknown) => {
          const error = toErrorPayload(err);
          const state: TaskState = error.code === 'CANCELLED' ? 'cancelled' : 'failed';
          const ended: ShownTask = { ...entry, ...get().tasks.find((task) => task.id === uploadId), state, error, endedAt: new Date().toISOString() };
          patch(uploadId, () => ended);
          announceEnd(ended);
        })
        .finally(() => uploadControllers.delete(uploadId));
      return { uploadId, started };
    },

    async cancelTask(taskId) {
      if (isUpload(taskId)) {
        uploadControllers.get(taskId)?.abort(new BerthError('CANCELLED', 'cancelled'));
        return;
      }
      try {
        await getBridge().cancelTask(taskId);
      } catch (err) {
        get().pushToast({ tone: 'error', message: 'Could not cancel the task', detail: toErrorPayload(err).message });
      }
    },

    clearFinishedTasks() {
      set((state) => ({ tasks: state.tasks.filter((task) => !isFinished(task)) }));
    },
  };
};
