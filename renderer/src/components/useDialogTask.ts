// A dialog that starts long work and follows it in place (Pull, Push, Save): the phases form → starting → running,
// the task it started (never another caller's), and how it ended — closed on success (the task's own toast says so),
// otherwise the error or "cancelled" shown in the dialog, which reports the task in place so no toast repeats it.
import { useEffect, useRef, useState } from 'react';
import type { TaskHandle, TaskInfo } from '../../../shared/api';
import { toErrorPayload } from '../../../shared/errors';
import { getBridge } from '../bridge/index';
import { useAppStore } from '../state/store';
import { reportInPlace } from '../state/tasks-slice';

type Phase = { step: 'form' } | { step: 'starting' } | { step: 'running'; taskId: string };

export interface DialogTask {
  /** Starting or running: the form is locked. */
  busy: boolean;
  /** Asked for, no task yet. */
  starting: boolean;
  task: TaskInfo | null;
  error: string | null;
  cancelled: boolean;
  /**
   * Starts the work: `start` gives the task's handle, or null when the user backed out before any task (a native
   * Save dialog closed); `started` runs once the dialog reports the task in place (a download's delivery).
   */
  run(start: () => Promise<TaskHandle | null>, started?: () => void): Promise<void>;
}

export function useDialogTask(onDone: () => void): DialogTask {
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const taskId = phase.step === 'running' ? phase.taskId : null;
  const task = useAppStore((state) => (taskId === null ? null : (state.tasks.find((t) => t.id === taskId) ?? null)));
  const reported = useRef<Array<() => void>>([]);
  useEffect(() => () => reported.current.forEach((forget) => forget()), []);

  async function run(start: () => Promise<TaskHandle | null>, started?: () => void): Promise<void> {
    setError(null);
    setCancelled(false);
    setPhase({ step: 'starting' });
    try {
      const handle = await start();
      if (!handle) return setPhase({ step: 'form' });
      reported.current.push(reportInPlace(handle.taskId));
      started?.();
      setPhase({ step: 'running', taskId: handle.taskId });
      const ended = await getBridge().waitTask(handle.taskId);
      if (ended.state === 'done') return onDone();
      if (ended.state === 'cancelled') setCancelled(true);
      else if (ended.error) setError(ended.error.message);
    } catch (err) {
      const payload = toErrorPayload(err);
      if (payload.code === 'CANCELLED') setCancelled(true);
      else setError(payload.message);
    }
    setPhase({ step: 'form' });
  }

  return { busy: phase.step !== 'form', starting: phase.step === 'starting', task, error, cancelled, run };
}
