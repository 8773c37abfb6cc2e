// Short notices in the corner. A finished import's, pull's or load's "Show" opens the image; other tasks' open the Tasks page.
import { useShallow } from 'zustand/react/shallow';
import type { ImportResult, LoadResult, PullResult } from '../../../shared/api';
import { Icon } from '../components/Icon';
import { useAppStore } from '../state/store';
import { revealImage } from './reveal-image';

export function Toasts() {
  const { toasts, tasks, dismissToast, setPage } = useAppStore(
    useShallow((state) => ({ toasts: state.toasts, tasks: state.tasks, dismissToast: state.dismissToast, setPage: state.setPage })),
  );
  /** The image a finished import, pull or load made (a load's first), for "Show"; null for anything else. */
  const imported = (taskId: string): Pick<ImportResult, 'id' | 'reference'> | null => {
    const task = tasks.find((candidate) => candidate.id === taskId);
    if (task?.state !== 'done' || !task.result) return null;
    if (task.kind === 'import' || task.kind === 'pull') return task.result as ImportResult | PullResult;
    const first = task.kind === 'load' ? (task.result as LoadResult).images[0] : undefined;
    return first ? { id: first.id, reference: first.tags[0] ?? null } : null;
  };
  const SHOW_LABELS: Partial<Record<string, string>> = { pull: 'Show the pulled image', import: 'Show the imported image', load: 'Show the loaded image' };
  const showLabel = (taskId: string): string => {
    if (!imported(taskId)) return 'Show in Tasks';
    return SHOW_LABELS[tasks.find((candidate) => candidate.id === taskId)?.kind ?? ''] ?? 'Show in Tasks';
  };
  return (
    <div className="toasts" role="region" aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
          <div className="toast-text">
            <div className="toast-message">{toast.message}</div>
            {toast.detail && <div className="toast-detail">{toast.detail}</div>}
          </div>
          {toast.taskId && (
            <button
              type="button"
              className="link-button"
              aria-label={showLabel(toast.taskId)}
              onClick={() => {
                const result = imported(toast.taskId!);
                dismissToast(toast.id);
                if (!result) return setPage('tasks');
                void revealImage(result).then((found) => {
                  if (!found) setPage('tasks');
                });
              }}
            >
              Show
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Dismiss notification" onClick={() => dismissToast(toast.id)}>
            <Icon name="close" size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
