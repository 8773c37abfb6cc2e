// Short notices in the corner; a finished task's toast links to the Tasks page.
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../components/Icon';
import { useAppStore } from '../state/store';

export function Toasts() {
  const { toasts, dismissToast, setPage } = useAppStore(
    useShallow((state) => ({ toasts: state.toasts, dismissToast: state.dismissToast, setPage: state.setPage })),
  );
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
              onClick={() => {
                setPage('tasks');
                dismissToast(toast.id);
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
