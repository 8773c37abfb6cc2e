// A pull's layers, one line each (short ID, docker's status, a bar): in the Pull dialog and under the task in Tasks.
import type { TaskInfo } from '../../../../shared/api';
import { ProgressBar } from '../../components/ProgressBar';
import { layerLines } from './layer-lines';

export function PullLayers({ task }: { task: Pick<TaskInfo, 'children' | 'title'> }) {
  const lines = layerLines(task);
  if (lines.length === 0) return null;
  return (
    <ul className="pull-layers" aria-label={`Layers of ${task.title}`}>
      {lines.map((line) => (
        <li key={line.id} className={`pull-layer pull-layer-${line.existed ? 'exists' : line.state}`} aria-label={`Layer ${line.shortId}: ${line.status}`}>
          <span className="mono">{line.shortId}</span>
          {line.percent === null ? (
            <span />
          ) : (
            <ProgressBar label={`Layer ${line.shortId} progress`} progress={{ current: line.percent, total: 100 }} tone={line.state === 'failed' ? 'error' : line.state === 'done' ? 'done' : undefined} />
          )}
          <span className="pull-layer-status small">{line.status}</span>
        </li>
      ))}
    </ul>
  );
}
