// One task: title, state (or the step it is at), progress (and per-layer progress), timing, error text, cancel.
import type { PullResult, TaskInfo, TaskProgress } from '../../../../shared/api';
import { humanDuration, humanSize } from '../../../../shared/format';
import { exactTime } from '../../components/AgeText';
import { ProgressBar } from '../../components/ProgressBar';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { isFinished, type ShownTask } from '../../state/tasks-slice';
import { PullLayers } from '../pull/PullLayers';

const STATE_LABEL: Record<TaskInfo['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function amount(progress: TaskProgress): string {
  if (progress.total === null) return progress.current ? humanSize(progress.current) : '';
  const percent = progress.total ? Math.floor((progress.current / progress.total) * 100) : 0;
  return `${humanSize(progress.current)} / ${humanSize(progress.total)} · ${percent}%`;
}

/** What a running task is doing, when it has steps: an upload, then the import it feeds. */
function stepOf(task: ShownTask): string | null {
  if (task.upload) return task.upload.phase === 'uploading' ? 'Uploading' : 'Starting';
  if (task.uploaded && task.state === 'running') return 'Importing';
  return null;
}

export function TaskItem({ task }: { task: ShownTask }) {
  const cancelTask = useAppStore((state) => state.cancelTask);
  const offline = useActionsDisabled();
  const finished = isFinished(task);
  // An import that began as an upload has run since the upload's first byte.
  const startedAt = task.uploaded?.startedAt ?? task.startedAt;
  const elapsed = (task.endedAt ? Date.parse(task.endedAt) : Date.now()) - Date.parse(startedAt);
  // A pull that found the image up to date has a total of 0: done is still a full bar.
  const shown = task.state === 'done' && !task.progress.total ? { current: 1, total: 1 } : task.progress;
  const stateText = (!finished && stepOf(task)) || STATE_LABEL[task.state];
  return (
    <li className={`task task-${task.state}`} aria-label={`${task.title}: ${stateText}`}>
      <div className="task-head">
        <span className="task-kind">{task.kind.replaceAll('-', ' ')}</span>
        <span className="task-title">{task.title}</span>
        <span className={`task-state state-${task.state}`}>{stateText}</span>
        {!finished && (
          <button type="button" className="button button-small" disabled={offline} onClick={() => void cancelTask(task.id)} aria-label={`Cancel ${task.title}`}>
            Cancel
          </button>
        )}
      </div>
      <ProgressBar
        label={`${task.title} ${task.upload?.phase === 'uploading' ? 'upload ' : ''}progress`}
        progress={shown}
        tone={task.state === 'failed' ? 'error' : task.state === 'done' ? 'done' : undefined}
      />
      <div className="task-meta muted small">
        <span title={exactTime(startedAt)}>Started {new Date(startedAt).toLocaleTimeString()}</span>
        <span>{finished ? `took ${humanDuration(elapsed).toLowerCase()}` : `${humanDuration(elapsed).toLowerCase()} so far`}</span>
        {!finished && task.upload?.phase === 'uploading' && elapsed >= 1000 && task.progress.current > 0 && (
          <span className="num">{humanSize((task.progress.current / elapsed) * 1000)}/s</span>
        )}
        {task.uploaded && <span className="num">Uploaded {humanSize(task.uploaded.bytes)}</span>}
        {task.kind === 'pull' && task.state === 'done' && (task.result as PullResult | null)?.status === 'up-to-date' && <span>Image is up to date</span>}
        {task.progress.total !== 0 && amount(task.progress) && <span className="num">{task.uploaded ? 'Imported ' : ''}{amount(task.progress)}</span>}
        {task.state === 'cancelled' && task.kind === 'import' && <span>Nothing was imported</span>}
        {task.state === 'cancelled' && task.kind === 'pull' && <span>Nothing was added</span>}
        {task.state === 'cancelled' && task.kind === 'push' && <span>No tag was changed in the registry</span>}
      </div>
      {task.error && task.state !== 'cancelled' && (
        <div className="task-error" role="alert">
          <span className="mono">{task.error.code}</span> {task.error.message}
        </div>
      )}
      {(task.kind === 'pull' || task.kind === 'push') && <PullLayers task={task} />}
      {task.kind !== 'pull' && task.kind !== 'push' && task.children.length > 0 && (
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
