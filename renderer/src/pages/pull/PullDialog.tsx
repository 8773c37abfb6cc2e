// `docker pull` as a form: a reference checked as typed (recent ones offered), an optional platform; then the pull,
// followed in place (overall bytes and each layer's line) through the task the user also sees in Tasks.
import { useId, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { progressText } from '../import/ImportDialog';
import { useImportCheck } from '../import/useImportCheck';
import { useDialogTask } from '../../components/useDialogTask';
import { checkPullReference } from './pull-reference';
import { PullLayers } from './PullLayers';
import { recentPulls } from './recent-pulls';
import { startPull } from './start-pull';
import { TaskDialogActions } from '../../components/TaskDialogActions';

export function PullDialog() {
  const closeDialog = useAppStore((state) => state.closeDialog);
  const cancelTask = useAppStore((state) => state.cancelTask);
  const offline = useActionsDisabled();
  const [reference, setReference] = useState('');
  const [platform, setPlatform] = useState('');
  const [recent] = useState(recentPulls);
  const { busy, task, error, cancelled, run } = useDialogTask(closeDialog);
  const check = checkPullReference(reference);
  // The service's own platform parser, as the import dialog asks it.
  const platformCheck = useImportCheck('', platform);
  const valid = check.kind === 'valid' && platformCheck.current && !platformCheck.platform;
  const ids = { notes: useId(), platform: useId(), recent: useId() };

  async function submit() {
    if (!valid || busy) return;
    await run(() => startPull(reference.trim(), platform.trim() ? { platform: platform.trim() } : {}));
  }

  return (
    <Dialog
      title="Pull an image"
      wide
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submit()}
      error={error && `Pull failed: ${error}`}
      actions={
        <TaskDialogActions
          busy={busy}
          taskId={task?.id ?? null}
          cancelTaskLabel="Cancel pull"
          actionLabel="Pull"
          actionDisabled={!valid}
          offline={offline}
          onCancelTask={(id) => void cancelTask(id)}
          onClose={closeDialog}
        />
      }
    >
      <fieldset className="fields" disabled={busy}>
        <label className="field">
          <span className="field-label">Image</span>
          <input
            type="text"
            className="mono"
            placeholder="alpine:3.20, ghcr.io/org/app:1, name@sha256:…"
            value={reference}
            onChange={(event) => setReference(event.target.value)}
            list={ids.recent}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            aria-invalid={check.kind === 'invalid' ? true : undefined}
            aria-describedby={ids.notes}
          />
          <datalist id={ids.recent}>
            {recent.map((item) => (
              <option key={item} value={item} />
            ))}
          </datalist>
        </label>
        <div id={ids.notes} className="tag-name-notes" aria-live="polite">
          {check.kind === 'invalid' && <p className="field-problem">{check.reason}</p>}
          {check.kind === 'valid' && check.completed && (
            <p className="muted small">
              Pulls <code className="mono">{check.full}</code>.
            </p>
          )}
        </div>
        <label className="field">
          <span className="field-label">Platform</span>
          <input
            type="text"
            className="mono"
            placeholder="the settings' or this machine's (linux/amd64, linux/arm64/v8)"
            value={platform}
            onChange={(event) => setPlatform(event.target.value)}
            spellCheck={false}
            aria-invalid={platformCheck.platform ? true : undefined}
            aria-describedby={ids.platform}
          />
        </label>
        <div id={ids.platform} aria-live="polite">
          {platformCheck.platform && <p className="field-problem">{platformCheck.platform}</p>}
        </div>
        {recent.length > 0 && !busy && (
          <div className="pull-recent">
            <span className="muted small">Recent:</span>
            {recent.map((item) => (
              <button key={item} type="button" className="chip mono" onClick={() => setReference(item)}>
                {item}
              </button>
            ))}
          </div>
        )}
      </fieldset>
      {cancelled && !busy && (
        <p className="import-cancelled" role="status">
          <strong>Cancelled.</strong> Nothing was added. What was downloaded is kept: pulling again resumes there.
        </p>
      )}
      {busy && (
        <div className="import-progress">
          <div className="import-progress-label">
            <span>{task ? `Pulling ${task.title.replace(/^Pull /, '')}…` : 'Starting the pull…'}</span>
            {task && task.progress.total !== 0 && <span className="num">{progressText(task.progress)}</span>}
          </div>
          <ProgressBar label="Pull progress" progress={task?.progress ?? { current: 0, total: null }} />
          {task && <PullLayers task={task} />}
        </div>
      )}
    </Dialog>
  );
}
