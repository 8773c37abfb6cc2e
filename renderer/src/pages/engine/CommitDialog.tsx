// "New image from…" (an image in Berth's store, without a daemon) and "Commit…" (a container of the local engine):
// docker commit's fields, the changes checked as typed by the service's own parser, then the task followed here
// and in Tasks. The new image shows in Images when it is written.
import { useState } from 'react';
import { getBridge } from '../../bridge/index';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { TaskDialogActions } from '../../components/TaskDialogActions';
import { useMoveConfirmation, useTagNameCheck } from '../../components/TagNameNotes';
import { useActionsDisabled, useAppStore } from '../../state/store';
import type { CommitSource } from '../../state/ui-slice';
import { progressText } from '../import/ImportDialog';
import { changeLines, useImportCheck } from '../import/useImportCheck';
import { useDialogTask } from '../../components/useDialogTask';
import { CommitFields, type CommitForm } from './CommitFields';

export function CommitDialog({ source }: { source: CommitSource }) {
  const closeDialog = useAppStore((state) => state.closeDialog);
  const cancelTask = useAppStore((state) => state.cancelTask);
  const offline = useActionsDisabled();
  const [form, setForm] = useState<CommitForm>({ reference: '', changes: '', message: '', author: '', pause: true, adds: source.kind === 'image' ? [{ path: '', dest: '' }] : [], tarball: null });
  const { busy, task, error: failure, cancelled, run } = useDialogTask(closeDialog);
  const error = failure ?? (cancelled ? 'Cancelled: no image was made.' : null);
  const nameCheck = useTagNameCheck(form.reference, null);
  const move = useMoveConfirmation(nameCheck);
  const check = useImportCheck(form.changes, '');
  const valid = move.ready && check.current && !check.changes;

  async function submit() {
    if (!valid || busy) return;
    const bridge = getBridge();
    const changes = changeLines(form.changes);
    const common = {
      ...(form.reference.trim() ? { reference: form.reference.trim() } : {}),
      ...(changes.length ? { changes } : {}),
      ...(form.message.trim() ? { message: form.message.trim() } : {}),
      ...(form.author.trim() ? { author: form.author.trim() } : {}),
    };
    await run(async () => {
      if (source.kind === 'image') {
        const adds = form.adds.filter((add) => add.path.trim()).map((add) => ({ path: add.path.trim(), ...(add.dest.trim() ? { dest: add.dest.trim() } : {}) }));
        // The browser shell uploads a dropped tarball first; the others hand it over at once.
        const tarball = form.tarball ? await bridge.fileRef(form.tarball) : undefined;
        return bridge.commitImage({ from: source.reference, ...common, adds }, tarball);
      }
      // By name, as `docker commit NAME` is typed: the task's title then says which container.
      return bridge.commitContainer(source.name, { ...common, ...(form.pause ? {} : { pause: false }) });
    });
  }

  const title = source.kind === 'image' ? `New image from ${source.reference}` : `Commit container ${source.name}`;
  return (
    <Dialog
      title={title}
      wide
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submit()}
      error={error && `Commit failed: ${error}`}
      actions={
        <TaskDialogActions
          busy={busy}
          taskId={task?.id ?? null}
          cancelTaskLabel="Cancel commit"
          actionLabel={source.kind === 'image' ? 'Create image' : 'Commit'}
          actionDisabled={!valid}
          offline={offline}
          onCancelTask={(id) => void cancelTask(id)}
          onClose={closeDialog}
        />
      }
    >
      <p className="muted">
        {source.kind === 'image' ? (
          <>
            A new image on top of <span className="mono">{source.reference}</span>, its layers reused, as <code>berth commit --from</code> makes it.
          </>
        ) : (
          <>
            The engine commits the container&apos;s changes (<code>docker commit</code>), then the image is copied into Berth.
          </>
        )}
      </p>
      <CommitFields
        form={form}
        onChange={setForm}
        source={source.kind}
        disabled={busy}
        nameCheck={nameCheck}
        moveConfirmed={move.confirmed}
        onConfirmMove={move.setConfirmed}
        check={check}
      />
      {busy && (
        <div className="import-progress">
          <div className="import-progress-label">
            <span>{source.kind === 'image' ? 'Writing the image…' : 'Committing…'}</span>
            {task && <span className="num">{progressText(task.progress)}</span>}
          </div>
          <ProgressBar label="Commit progress" progress={task?.progress ?? { current: 0, total: null }} />
        </div>
      )}
    </Dialog>
  );
}
