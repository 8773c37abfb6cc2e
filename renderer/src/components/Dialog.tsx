// A modal built on <dialog>: the browser traps focus, makes the page inert and closes on Escape.
import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { useActionsDisabled } from '../state/store';

/**
 * Focus back to `opener`; when it is gone or cannot take focus (a Remove button disabled once nothing is selected),
 * to the grid's current row, the page's natural place for the keyboard.
 */
function returnFocus(opener: HTMLElement | null): void {
  opener?.focus({ preventScroll: true });
  if (opener && document.activeElement === opener) return;
  document.querySelector<HTMLElement>('[role=grid] [role=row][tabindex="0"]')?.focus({ preventScroll: true });
}

interface DialogProps {
  title: string;
  children: ReactNode;
  /** The buttons row; the submit button should be `type="submit"`. */
  actions: ReactNode;
  onClose(): void;
  onSubmit?(): void;
  wide?: boolean;
  /** While busy, Escape does not close: the operation is still running. */
  busy?: boolean;
  /** Shown under the body as an alert, so screen readers announce it. */
  error?: ReactNode;
}

export function Dialog({ title, children, actions, onClose, onSubmit, wide, busy, error }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    // Whatever had focus opened it (a button, a row, a menu entry that handed focus back to its row): it gets
    // focus back on close. The cleanup runs once React has removed the dialog, when the page is no longer inert.
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      returnFocus(opener);
    };
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit?.();
  }

  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <form method="dialog" onSubmit={submit}>
        <h2 id={titleId} className="dialog-title">
          {title}
        </h2>
        <div className="dialog-body">
          {children}
          {error ? (
            <div className="form-error" role="alert">
              {error}
            </div>
          ) : null}
        </div>
        <div className="dialog-actions">{actions}</div>
      </form>
    </dialog>
  );
}

interface ConfirmButtonsProps {
  onCancel(): void;
  busy: boolean;
  /** The submit button's label, and what it says while the work runs. */
  label: string;
  busyLabel: string;
  tone: 'primary' | 'danger';
  disabled?: boolean;
}

/** Cancel and a submit button, both held while the work runs. */
export function ConfirmButtons({ onCancel, busy, label, busyLabel, tone, disabled }: ConfirmButtonsProps) {
  const offline = useActionsDisabled();
  return (
    <>
      <button type="button" className="button" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
      <button type="submit" className={`button button-${tone}`} disabled={busy || disabled || offline}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
