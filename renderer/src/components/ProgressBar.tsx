// Determinate when the total is known, an indeterminate stripe otherwise.
import type { TaskProgress } from '../../../shared/api';

export function ProgressBar({ progress, label, tone }: { progress: TaskProgress; label: string; tone?: 'error' | 'done' }) {
  const fraction = progress.total ? Math.min(1, progress.current / progress.total) : null;
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div
      className={`progress${fraction === null ? ' progress-indeterminate' : ''}${tone ? ` progress-${tone}` : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={percent === undefined ? 'in progress' : `${percent}%`}
    >
      <div className="progress-fill" style={{ width: fraction === null ? undefined : `${(fraction * 100).toFixed(1)}%` }} />
    </div>
  );
}
