// The CLI's view of its own task among the service's task events. Listening starts before the task does (the
// service announces a task as it starts it, before the call that started it returns the handle), so the latest
// update of every task is kept until `follow` names the caller's own; from then only that task's updates count.
import type { TaskInfo } from '../../shared/api.js';
import type { BerthService } from '../core/service-api.js';

export interface TaskFollower {
  /** From now on `onUpdate` hears this task (the handle the service returned), starting with any update seen. */
  follow(taskId: string): void;
  /** Stops listening; the followed task's last update, if any. */
  stop(): TaskInfo | undefined;
}

export function followTask(service: BerthService, onUpdate: (task: TaskInfo) => void): TaskFollower {
  let taskId: string | null = null;
  const latest = new Map<string, TaskInfo>();
  const unsubscribe = service.onEvent((event) => {
    if (event.type !== 'task.update') return;
    if (taskId === null) latest.set(event.task.id, event.task);
    else if (event.task.id === taskId) {
      latest.set(taskId, event.task);
      onUpdate(event.task);
    }
  });
  return {
    follow(id) {
      taskId = id;
      const seen = latest.get(id);
      latest.clear();
      if (seen) {
        latest.set(id, seen);
        onUpdate(seen);
      }
    },
    stop() {
      unsubscribe();
      return taskId === null ? undefined : latest.get(taskId);
    },
  };
}
