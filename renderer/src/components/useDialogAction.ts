// The busy flag and error text every confirm-style dialog needs around its one bridge call.
import { useState } from 'react';
import { toErrorPayload } from '../../../shared/errors';

export function useDialogAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  /** Runs `action`; on failure shows its message and re-enables the dialog. On success the action closes it. */
  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(toErrorPayload(err).message);
      setBusy(false);
    }
  }

  return { busy, error, setError, run };
}
