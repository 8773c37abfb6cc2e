// `docker push` from a row: the image's name says where it goes. A name without a registry would go to Docker Hub's
// library/ namespace, which only Docker may push to, so the dialog offers (and for such a name starts with) tagging
// it first under a name the user types — checked as typed like the Tag dialog — as `docker tag` then `docker push`
// would. Then the push, followed in place (overall bytes and each layer's docker state) through the task the user
// also sees in Tasks, with cancel.
import { useId, useState } from 'react';
import { getBridge } from '../../bridge/index';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { TaskDialogActions } from '../../components/TaskDialogActions';
import { TagNameNotes, useMoveConfirmation, useTagNameCheck } from '../../components/TagNameNotes';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { findTagSource } from '../../state/tag-name';
import { progressText } from '../import/ImportDialog';
import { useDialogTask } from '../../components/useDialogTask';
import { PullLayers } from '../pull/PullLayers';
import { pushDestination, suggestedName } from './push-destination';

export function PushDialog({ source }: { source: string }) {
  const closeDialog = useAppStore((state) => state.closeDialog);
  const cancelTask = useAppStore((state) => state.cancelTask);
  const sourceManifest = useAppStore((state) => findTagSource(state.images, source)?.manifestDigest ?? null);
  const offline = useActionsDisabled();
  const own = pushDestination(source);
  const [tagFirst, setTagFirst] = useState(own?.officialNamespace ?? false);
  const [name, setName] = useState('');
  const { busy, task, error, cancelled, run } = useDialogTask(closeDialog);
  const check = useTagNameCheck(name, sourceManifest);
  const move = useMoveConfirmation(check);
  const ids = { notes: useId(), name: useId() };
  const target = tagFirst ? (check.kind === 'valid' ? check.reference : null) : source;
  const destination = target ? pushDestination(target) : null;
  const stillOfficial = tagFirst && destination?.officialNamespace === true;
  const valid = destination !== null && !stillOfficial && (!tagFirst || move.ready);

  async function submit() {
    if (!valid || busy || !target) return;
    await run(async () => {
      if (tagFirst && !(check.kind === 'valid' && check.alreadyHere)) await getBridge().tag(source, target);
      return getBridge().push(target);
    });
  }

  return (
    <Dialog
      title="Push an image"
      wide
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submit()}
      error={error && `Push failed: ${error}`}
      actions={
        <TaskDialogActions
          busy={busy}
          taskId={task?.id ?? null}
          cancelTaskLabel="Cancel push"
          actionLabel={tagFirst ? 'Tag and push' : 'Push'}
          actionDisabled={!valid}
          offline={offline}
          onCancelTask={(id) => void cancelTask(id)}
          onClose={closeDialog}
        />
      }
    >
      <p>
        Image: <code className="mono">{source}</code>
      </p>
      {own?.officialNamespace && (
        <p className="push-hub-note small" role="note">
          This name has no registry: it would go to Docker Hub as <code className="mono">{own.repository}</code>, where only
          Docker publishes. Tag it with your registry or namespace first.
        </p>
      )}
      <fieldset className="fields" disabled={busy}>
        <label className="check-row">
          <input type="checkbox" checked={tagFirst} onChange={(event) => setTagFirst(event.target.checked)} />
          <span>Tag it first as another name</span>
        </label>
        {tagFirst && (
          <>
            <label className="field">
              <span className="field-label">New name</span>
              <input
                id={ids.name}
                type="text"
                className="mono"
                value={name}
                placeholder={own ? suggestedName(source, 'REGISTRY/NAMESPACE') : 'REGISTRY/NAMESPACE/NAME[:TAG]'}
                onChange={(event) => setName(event.target.value)}
                // The <dialog> focuses its first control (the checkbox) as it opens unless one says autofocus: the
                // attribute, which React's autoFocus does not write.
                ref={(input) => input?.setAttribute('autofocus', '')}
                autoFocus
                spellCheck={false}
                autoComplete="off"
                aria-invalid={check.kind === 'invalid' || stillOfficial ? true : undefined}
                aria-describedby={ids.notes}
              />
            </label>
            {busy ? null : stillOfficial ? (
              <div id={ids.notes} className="tag-name-notes" aria-live="polite">
                <p className="field-problem">Still Docker Hub&apos;s library/ namespace: name a registry (host:port/…) or your namespace (user/…).</p>
              </div>
            ) : (
              <TagNameNotes id={ids.notes} check={check} confirmed={move.confirmed} onConfirm={move.setConfirmed} action="Tagging" target="this image" disabled={busy} typed={name} />
            )}
          </>
        )}
        {destination && !stillOfficial && (
          <p className="muted small">
            Pushes to <code className="mono">{destination.repository}</code>
            {destination.registry === 'docker.io' ? ' on Docker Hub' : ''}.
          </p>
        )}
      </fieldset>
      {cancelled && !busy && (
        <p className="import-cancelled" role="status">
          <strong>Cancelled.</strong> No tag was changed in the registry; push again when you are ready.
        </p>
      )}
      {busy && (
        <div className="import-progress">
          <div className="import-progress-label">
            <span>{task ? `Pushing ${task.title.replace(/^Push /, '')}…` : 'Starting the push…'}</span>
            {task && task.progress.total !== 0 && <span className="num">{progressText(task.progress)}</span>}
          </div>
          <ProgressBar label="Push progress" progress={task?.progress ?? { current: 0, total: null }} />
          {task && <PullLayers task={task} />}
        </div>
      )}
    </Dialog>
  );
}
