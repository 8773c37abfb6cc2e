// Adds a tag to an image: `berth tag SOURCE TARGET`.
import { useState } from 'react';
import { getBridge } from '../../bridge/index';
import { ConfirmButtons, Dialog } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { useAppStore } from '../../state/store';

export function TagDialog({ source }: { source: string }) {
  const closeDialog = useAppStore((state) => state.closeDialog);
  const pushToast = useAppStore((state) => state.pushToast);
  const [target, setTarget] = useState(source.startsWith('sha256:') ? '' : source);
  const { busy, error, setError, run } = useDialogAction();

  async function submit() {
    const name = target.trim();
    if (!name) {
      setError('Enter a name such as myapp:1.0 or registry.example.com/team/app:latest.');
      return;
    }
    await run(async () => {
      await getBridge().tag(source, name);
      closeDialog();
      pushToast({ tone: 'success', message: `Tagged ${name}` });
    });
  }

  return (
    <Dialog
      title="Tag image"
      onClose={closeDialog}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      actions={<ConfirmButtons onCancel={closeDialog} busy={busy} label="Tag" busyLabel="Tagging…" tone="primary" />}
    >
      <p>
        Source: <code className="mono">{source}</code>
      </p>
      <label className="field">
        <span className="field-label">New name</span>
        <input
          type="text"
          className="mono"
          value={target}
          placeholder="REPOSITORY[:TAG]"
          onChange={(event) => setTarget(event.target.value)}
          autoFocus
          onFocus={(event) => event.target.select()}
          spellCheck={false}
          aria-invalid={error !== null}
        />
      </label>
    </Dialog>
  );
}
