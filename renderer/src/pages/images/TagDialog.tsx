// Adds a tag to an image: `berth tag SOURCE TARGET`. The name is checked as it is typed (docker's rules), and a name
// that points at another image is moved only after the user confirms it, naming the image that loses it.
import { useId, useState } from 'react';
import { getBridge } from '../../bridge/index';
import { ConfirmButtons, Dialog } from '../../components/Dialog';
import { TagNameNotes, useMoveConfirmation, useTagNameCheck } from '../../components/TagNameNotes';
import { useDialogAction } from '../../components/useDialogAction';
import { useAppStore } from '../../state/store';
import { findTagSource } from '../../state/tag-name';

export function TagDialog({ source }: { source: string }) {
  const closeDialog = useAppStore((state) => state.closeDialog);
  const pushToast = useAppStore((state) => state.pushToast);
  const sourceManifest = useAppStore((state) => findTagSource(state.images, source)?.manifestDigest ?? null);
  const [target, setTarget] = useState(source.startsWith('sha256:') ? '' : source);
  const { busy, error, run } = useDialogAction();
  const check = useTagNameCheck(target, sourceManifest);
  const move = useMoveConfirmation(check);
  const notesId = useId();
  const moves = check.kind === 'valid' && check.moves !== null;
  // A name this image already has would change nothing: Tag waits for a new one.
  const ready = check.kind === 'valid' && !check.alreadyHere && move.ready;

  async function submit() {
    if (check.kind !== 'valid' || !ready) return;
    const name = target.trim();
    await run(async () => {
      await getBridge().tag(source, name);
      closeDialog();
      pushToast({ tone: 'success', message: moves ? `Moved ${check.name} to this image` : `Tagged ${name}` });
    });
  }

  return (
    <Dialog
      title="Tag image"
      onClose={closeDialog}
      onSubmit={() => void submit()}
      busy={busy}
      error={error}
      actions={
        <ConfirmButtons
          onCancel={closeDialog}
          busy={busy}
          label={moves ? 'Move tag' : 'Tag'}
          busyLabel={moves ? 'Moving…' : 'Tagging…'}
          tone="primary"
          disabled={!ready}
        />
      }
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
          aria-invalid={check.kind === 'invalid' || error !== null}
          aria-describedby={notesId}
        />
      </label>
      <TagNameNotes
        id={notesId}
        check={check}
        confirmed={move.confirmed}
        onConfirm={move.setConfirmed}
        action="Tagging"
        target="this image"
        disabled={busy}
        typed={target}
      />
    </Dialog>
  );
}
