// One task: title, state, progress (and per-layer progress), timing, error text, cancel.
import type { TaskInfo, TaskProgress } from '../../../../shared/api';
import { humanDuration, humanSize } from '../../../../shared/format';
import { exactTime } from '../../components/AgeText';
import { ProgressBar } from '../../components/ProgressBar';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { isFinished } from '../../state/tasks-slice';

const STATE_LABEL: Record<TaskInfo['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function amount(progress: TaskProgress): string {
  if (progress.total === null) return progress.current ? humanSize(progress.current) : '';
  return `${humanSize(progress.current)} / ${humanSize(progress.total)}`;
}

export function TaskItem({ task }: { task: TaskInfo }) {
  const cancelTask = useAppStore((state) => state.cancelTask);
  const offline = useActionsDisabled();
  const finished = isFinished(task);
  const elapsed = (task.endedAt ? Date.parse(task.endedAt) : Date.now()) - Date.parse(task.startedAt);
  const shown = task.state === 'done' && task.progress.total === null ? { current: 1, total: 1 } : task.progress;
  return (
    <li className={`task task-${task.state}`} aria-label={`${task.title}: ${STATE_LABEL[task.state]}`}>
      <div className="task-head">
        <span className="task-kind">{task.kind}</span>
        <span className="task-title">{task.title}</span>
        <span className={`task-state state-${task.state}`}>{STATE_LABEL[task.state]}</span>
        {!finished && (
          <button type="button" className="button button-small" disabled={offline} onClick={() => void cancelTask(task.id)} aria-label={`Cancel ${task.title}`}>
            Cancel
          </button>
        )}
      </div>
      <ProgressBar
        label={`${task.title} progress`}
        progress={shown}
        tone={task.state === 'failed' ? 'error' : task.state === 'done' ? 'done' : undefined}
      />
      <div className="task-meta muted small">
        <span title={exactTime(task.startedAt)}>Started {new Date(task.startedAt).toLocaleTimeString()}</span>
        <span>{finished ? `took ${humanDuration(elapsed).toLowerCase()}` : `${humanDuration(elapsed).toLowerCase()} so far`}</span>
        {amount(task.progress) && <span className="num">{amount(task.progress)}</span>}
      </div>
      {task.error && task.state !== 'cancelled' && (
        <div className="task-error" role="alert">
          <span className="mono">{task.error.code}</span> {task.error.message}
        </div>
      )}
      {task.children.length > 0 && (
        <ul className="task-children">
          {task.children.map((child) => (
            <li key={child.id} className="task-child">
              <span className="task-child-title mono">{child.title}</span>
              <ProgressBar label={`${child.title} progress`} progress={child.progress} />
              <span className={`task-state small state-${child.state}`}>{STATE_LABEL[child.state]}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
