// Confirms a removal, naming every tag and image that will go.
import { useMemo, useState } from 'react';
import type { ErrorPayload, RemoveReport } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { shortId } from '../../../../shared/format';
import { getBridge } from '../../bridge/index';
import { ConfirmButtons, Dialog } from '../../components/Dialog';
import { useAppStore } from '../../state/store';
import { countSentence, planRemoval, type RemoveStep } from './remove-plan';

function StepLine({ step }: { step: RemoveStep }) {
  const id = <code className="mono" title={step.id}>{shortId(step.id)}</code>;
  if (step.effect === 'untag') {
    return (
      <li>
        Untag <strong>{step.names.join(', ')}</strong> — image {id} stays, still tagged {step.remaining.join(', ')}
      </li>
    );
  }
  return (
    <li>
      Delete image {id}
      {step.names[0] === '<none>:<none>' ? ' (dangling)' : <> tagged <strong>{step.names.join(', ')}</strong></>}
      {step.forced && (
        <div className="note">All {step.names.length} of its tags are selected, so they all go and the image is deleted with them.</div>
      )}
    </li>
  );
}

export function RemoveDialog({ keys }: { keys: string[] }) {
  const images = useAppStore((state) => state.images);
  const closeDialog = useAppStore((state) => state.closeDialog);
  const clearSelection = useAppStore((state) => state.clearSelection);
  const pushToast = useAppStore((state) => state.pushToast);
  const plan = useMemo(() => planRemoval(images, keys), [images, keys]);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Array<{ image: string; error: ErrorPayload }>>([]);

  async function confirm() {
    setBusy(true);
    setErrors([]);
    const bridge = getBridge();
    const reports: RemoveReport[] = [];
    try {
      if (plan.targets.length) reports.push(await bridge.remove(plan.targets));
      if (plan.forcedTargets.length) reports.push(await bridge.remove(plan.forcedTargets, { force: true }));
    } catch (err) {
      setErrors([{ image: 'remove', error: toErrorPayload(err) }]);
      setBusy(false);
      return;
    }
    const failed = reports.flatMap((report) => report.errors);
    const deleted = reports.flatMap((report) => report.items).filter((item) => 'deleted' in item).length;
    const untagged = reports.flatMap((report) => report.items).filter((item) => 'untagged' in item).length;
    setBusy(false);
    if (failed.length) {
      setErrors(failed);
      return;
    }
    clearSelection();
    closeDialog();
    pushToast({ tone: 'success', message: countSentence(['deleted', deleted, 'image', 'images'], ['untagged', untagged, 'tag', 'tags']) });
  }

  const count = plan.steps.length;
  const deletes = plan.steps.filter((step) => step.effect === 'delete').length;
  const untags = plan.steps.filter((step) => step.effect === 'untag').reduce((sum, step) => sum + step.names.length, 0);
  return (
    <Dialog
      title={count === 1 ? 'Remove image?' : `Remove ${count} images?`}
      onClose={closeDialog}
      onSubmit={() => void confirm()}
      busy={busy}
      error={errors.length > 0 && errors.map((failure) => (
        <div key={failure.image}>
          {failure.image}: {failure.error.message}
        </div>
      ))}
      actions={
        <ConfirmButtons onCancel={closeDialog} busy={busy} label="Remove" busyLabel="Removing…" tone="danger" disabled={count === 0} />
      }
    >
      <p>
        {countSentence(['will delete', deletes, 'image', 'images'], ['will untag', untags, 'tag', 'tags'])}. It cannot be undone; layers no
        other image uses are deleted from the store.
      </p>
      <ul className={count > 6 ? 'plan-list long' : 'plan-list'} aria-label="What will be removed" tabIndex={count > 6 ? 0 : undefined}>
        {plan.steps.map((step) => (
          <StepLine key={step.id} step={step} />
        ))}
      </ul>
    </Dialog>
  );
}
