// Long operations as tasks: progress events throttled to ~10 a second, cancellation through AbortSignal,
// and a bounded history so the Tasks page can show what finished.
import { randomUUID } from 'node:crypto';
import type { TaskInfo, TaskProgress, TaskState } from '../../../shared/api.js';
import { BerthError, toErrorPayload } from '../../../shared/errors.js';

const EMIT_INTERVAL_MS = 100;
const KEEP_FINISHED = 100;

export interface TaskContext {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(current: number, total?: number | null): void;
  child(id: string, title: string): ChildTask;
}

export interface ChildTask {
  progress(current: number, total?: number | null): void;
  finish(state?: TaskState): void;
}

interface Running {
  info: TaskInfo;
  controller: AbortController;
  lastEmit: number;
  timer: NodeJS.Timeout | null;
}

export class TaskManager {
  private readonly tasks = new Map<string, Running>();

  constructor(private readonly emit: (task: TaskInfo) => void) {}

  list(): TaskInfo[] {
    return [...this.tasks.values()].map((t) => structuredClone(t.info));
  }

  cancel(id: string): void {
    const task = this.tasks.get(id);
    if (!task) throw new BerthError('NOT_FOUND', `No such task: ${id}`);
    if (task.info.state === 'running' || task.info.state === 'queued') task.controller.abort();
  }

  async run<T>(kind: TaskInfo['kind'], title: string, work: (ctx: TaskContext) => Promise<T>, parent?: AbortSignal): Promise<T> {
    const controller = new AbortController();
    const abortFromParent = () => controller.abort();
    if (parent?.aborted) controller.abort();
    else parent?.addEventListener('abort', abortFromParent, { once: true });
    const task: Running = {
      info: {
        id: randomUUID(), kind, title, state: 'running', progress: { current: 0, total: null }, children: [], error: null,
        startedAt: new Date().toISOString(), endedAt: null,
      },
      controller,
      lastEmit: 0,
      timer: null,
    };
    this.tasks.set(task.info.id, task);
    this.trim();
    this.flush(task);
    try {
      const result = await work(this.contextFor(task));
      this.finish(task, 'done', null);
      return result;
    } catch (err) {
      const cancelled = controller.signal.aborted;
      const error = cancelled ? new BerthError('CANCELLED', `${title}: cancelled`) : err;
      this.finish(task, cancelled ? 'cancelled' : 'failed', toErrorPayload(error));
      throw error;
    } finally {
      // A long-lived parent signal must not keep every finished task's controller alive.
      parent?.removeEventListener('abort', abortFromParent);
    }
  }

  private contextFor(task: Running): TaskContext {
    return {
      id: task.info.id,
      signal: task.controller.signal,
      progress: (current, total) => {
        task.info.progress = nextProgress(task.info.progress, current, total);
        this.schedule(task);
      },
      child: (id, title) => {
        const child = { id, title, state: 'running' as TaskState, progress: { current: 0, total: null } as TaskProgress };
        task.info.children.push(child);
        this.schedule(task);
        return {
          progress: (current, total) => {
            child.progress = nextProgress(child.progress, current, total);
            this.schedule(task);
          },
          finish: (state = 'done') => {
            child.state = state;
            this.schedule(task);
          },
        };
      },
    };
  }

  private finish(task: Running, state: TaskState, error: TaskInfo['error']): void {
    task.info.state = state;
    task.info.error = error;
    task.info.endedAt = new Date().toISOString();
    this.flush(task);
  }

  private schedule(task: Running): void {
    const wait = task.lastEmit + EMIT_INTERVAL_MS - Date.now();
    if (wait <= 0) return this.flush(task);
    task.timer ??= setTimeout(() => this.flush(task), wait);
  }

  private flush(task: Running): void {
    if (task.timer) clearTimeout(task.timer);
    task.timer = null;
    task.lastEmit = Date.now();
    this.emit(structuredClone(task.info));
  }

  private trim(): void {
    const finished = [...this.tasks.values()].filter((t) => t.info.endedAt !== null);
    for (const t of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.tasks.delete(t.info.id);
  }
}

function nextProgress(previous: TaskProgress, current: number, total: number | null | undefined): TaskProgress {
  return { current, total: total === undefined ? previous.total : total };
}
