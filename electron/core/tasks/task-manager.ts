// Long operations as tasks: progress events throttled to ~10 a second, cancellation through AbortSignal,
// and a bounded history so the Tasks page can show what finished.
//
// `start` hands the caller its own task at once (Podman Desktop's task manager does the same): a caller never has
// to guess which of several running imports is its own, and `wait` gives the end — result or error — even when the
// task finished before anyone asked. A cancel by the user always ends as `cancelled`, never as `failed`.
import { randomUUID } from 'node:crypto';
import type { TaskHandle, TaskInfo, TaskKind, TaskProgress, TaskResults, TaskState } from '../../../shared/api.js';
import { BerthError, toErrorPayload } from '../../../shared/errors.js';
import { taskOutcome } from '../../../shared/tasks.js';

const EMIT_INTERVAL_MS = 100;
const KEEP_FINISHED = 100;

export interface TaskContext {
  readonly id: string;
  readonly signal: AbortSignal;
  progress(current: number, total?: number | null): void;
  child(id: string, title: string): ChildTask;
  /** Several children at once, announced in one update (a pull's layers: a shell sees them all or none). */
  children(entries: ReadonlyArray<{ id: string; title: string; state?: TaskState }>): ChildTask[];
}

export interface ChildTask {
  progress(current: number, total?: number | null): void;
  /** A child announced as `queued` (waiting its turn) now runs. */
  start(): void;
  finish(state?: TaskState): void;
  /** Says where the child is now (a push layer's docker state: Waiting, Pushing, Pushed…); announced at once. */
  retitle(title: string): void;
}

interface Running {
  info: TaskInfo;
  controller: AbortController;
  lastEmit: number;
  timer: NodeJS.Timeout | null;
  ended: Promise<void>;
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

  /** Starts `work` as a task and returns its handle at once; the result is kept on the task when it ends. */
  start<K extends TaskKind>(kind: K, title: string, work: (ctx: TaskContext) => Promise<TaskResults[K]>, parent?: AbortSignal): TaskHandle<K> {
    const controller = new AbortController();
    const abortFromParent = () => controller.abort();
    if (parent?.aborted) controller.abort();
    else parent?.addEventListener('abort', abortFromParent, { once: true });
    const info: TaskInfo<K> = {
      id: randomUUID(), kind, title, state: 'running', progress: { current: 0, total: null }, children: [], error: null, result: null,
      startedAt: new Date().toISOString(), endedAt: null,
    };
    const task: Running = { info: info as TaskInfo, controller, lastEmit: 0, timer: null, ended: Promise.resolve() };
    this.tasks.set(info.id, task);
    this.trim();
    this.flush(task);
    task.ended = (async () => {
      try {
        const result = await work(this.contextFor(task));
        info.result = result;
        this.finish(task, 'done', null);
      } catch (err) {
        const cancelled = controller.signal.aborted;
        const error = cancelled ? new BerthError('CANCELLED', `${title}: cancelled`) : err;
        this.finish(task, cancelled ? 'cancelled' : 'failed', toErrorPayload(error));
      } finally {
        // A long-lived parent signal must not keep every finished task's controller alive.
        parent?.removeEventListener('abort', abortFromParent);
      }
    })();
    return { taskId: info.id, kind };
  }

  /** The task once it has ended (at once when it already has). */
  async wait(id: string): Promise<TaskInfo> {
    const task = this.tasks.get(id);
    if (!task) throw new BerthError('NOT_FOUND', `No such task: ${id}`);
    await task.ended;
    return structuredClone(task.info);
  }

  /** start + wait for callers in this process: the result, or the task's error thrown. */
  async run<K extends TaskKind>(kind: K, title: string, work: (ctx: TaskContext) => Promise<TaskResults[K]>, parent?: AbortSignal): Promise<TaskResults[K]> {
    return taskOutcome(await this.wait(this.start(kind, title, work, parent).taskId)) as TaskResults[K];
  }

  private contextFor(task: Running): TaskContext {
    const addChild = (id: string, title: string, state: TaskState, announce: boolean): ChildTask => {
      const child = { id, title, state, progress: { current: 0, total: null } as TaskProgress };
      task.info.children.push(child);
      if (announce) this.schedule(task);
      return {
        progress: (current, total) => {
          child.progress = nextProgress(child.progress, current, total);
          this.schedule(task);
        },
        start: () => {
          child.state = 'running';
          this.schedule(task);
        },
        finish: (end = 'done') => {
          child.state = end;
          this.schedule(task);
        },
        retitle: (title) => {
          if (child.title === title) return;
          child.title = title;
          // A state change (a push layer's Waiting, Pushed) is news a follower prints as a line: sent at once,
          // not merged into the next throttled update as byte counts are. A few per layer, never per chunk.
          this.flush(task);
        },
      };
    };
    return {
      id: task.info.id,
      signal: task.controller.signal,
      progress: (current, total) => {
        task.info.progress = nextProgress(task.info.progress, current, total);
        this.schedule(task);
      },
      child: (id, title) => addChild(id, title, 'running', true),
      children: (entries) => {
        const added = entries.map((e) => addChild(e.id, e.title, e.state ?? 'running', false));
        this.schedule(task);
        return added;
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
