// Long operations reported by the service; a toast when one ends.
import type { StateCreator } from 'zustand';
import type { TaskInfo, TaskState } from '../../../shared/api';
import { toErrorPayload } from '../../../shared/errors';
import { getBridge } from '../bridge/index';
import type { AppState } from './types';

export interface TasksSlice {
  /** Newest first. */
  tasks: TaskInfo[];
  loadTasks(): Promise<void>;
  applyTaskUpdate(task: TaskInfo): void;
  cancelTask(taskId: string): Promise<void>;
  clearFinishedTasks(): void;
}

const FINISHED: readonly TaskState[] = ['done', 'failed', 'cancelled'];

export function isFinished(task: Pick<TaskInfo, 'state'>): boolean {
  return FINISHED.includes(task.state);
}

function newestFirst(a: TaskInfo, b: TaskInfo): number {
  return Date.parse(b.startedAt) - Date.parse(a.startedAt);
}

export const createTasksSlice: StateCreator<AppState, [], [], TasksSlice> = (set, get) => ({
  tasks: [],

  async loadTasks() {
    try {
      const tasks = await getBridge().listTasks();
      set({ tasks: [...tasks].sort(newestFirst) });
    } catch (err) {
      get().reportFatal(toErrorPayload(err));
    }
  },

  applyTaskUpdate(task) {
    const previous = get().tasks.find((t) => t.id === task.id);
    const tasks = previous
      ? get().tasks.map((t) => (t.id === task.id ? task : t))
      : [task, ...get().tasks].sort(newestFirst);
    set({ tasks });
    if (isFinished(task) && !(previous && isFinished(previous))) {
      const verb = task.state === 'done' ? 'finished' : task.state === 'cancelled' ? 'was cancelled' : 'failed';
      get().pushToast({
        tone: task.state === 'done' ? 'success' : task.state === 'failed' ? 'error' : 'info',
        message: `${task.title} ${verb}`,
        detail: task.error?.message,
        taskId: task.id,
      });
    }
  },

  async cancelTask(taskId) {
    try {
      await getBridge().cancelTask(taskId);
    } catch (err) {
      get().pushToast({ tone: 'error', message: 'Could not cancel the task', detail: toErrorPayload(err).message });
    }
  },

  clearFinishedTasks() {
    set((state) => ({ tasks: state.tasks.filter((task) => !isFinished(task)) }));
  },
});
