// Following a task from its handle to its end, the same way in every caller (CLI, renderer, tests).
import type { BerthApi, TaskHandle, TaskInfo, TaskKind, TaskResults } from './api.js';
import { BerthError } from './errors.js';

/** A finished task's result, or its error thrown as a BerthError (CANCELLED for a cancelled task). */
export function taskOutcome<K extends TaskKind>(task: TaskInfo<K>): TaskResults[K] {
  if (task.state === 'done') return task.result as TaskResults[K];
  const error = task.error ?? { code: 'INTERNAL', message: `${task.title}: ended as ${task.state}` };
  throw new BerthError(error.code, error.message);
}

/** Waits for the caller's own task to end and returns its result (or throws its error). */
export async function taskResult<K extends TaskKind>(api: Pick<BerthApi, 'waitTask'>, handle: TaskHandle<K>): Promise<TaskResults[K]> {
  return taskOutcome((await api.waitTask(handle.taskId)) as TaskInfo<K>);
}
