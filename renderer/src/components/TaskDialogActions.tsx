// The buttons of a dialog that starts a task and follows it (Import, Pull): before it starts, Cancel and the
// action; while it runs, cancelling the task and closing the dialog with the task left running.
interface TaskDialogActionsProps {
  /** The task has started (the dialog follows it). */
  busy: boolean;
  /** The task to cancel, once the service has named it. */
  taskId: string | null;
  /** "Cancel pull", "Cancel upload". */
  cancelTaskLabel: string;
  /** "Pull", "Import": the submit button. */
  actionLabel: string;
  actionDisabled: boolean;
  offline: boolean;
  onCancelTask(taskId: string): void;
  onClose(): void;
}

export function TaskDialogActions(props: TaskDialogActionsProps) {
  const { busy, taskId, offline, onClose } = props;
  if (busy) {
    return (
      <>
        {taskId !== null && (
          <button type="button" className="button" disabled={offline} onClick={() => props.onCancelTask(taskId)}>
            {props.cancelTaskLabel}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          Continue in background
        </button>
      </>
    );
  }
  return (
    <>
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" className="button button-primary" disabled={props.actionDisabled || offline}>
        {props.actionLabel}
      </button>
    </>
  );
}
