// `berth save` as a dialog: which images, the file name, whether to keep layers compressed; then the shell's target
// (Electron's Save dialog, or a download in the browser) and the save, followed through its task with cancel.
import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImageSummary, SaveResult } from '../../../../shared/api';
import { getBridge } from '../../bridge/index';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { TaskDialogActions } from '../../components/TaskDialogActions';
import { displayName, rowKey, rowTarget } from '../../state/rows';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { progressText } from '../import/ImportDialog';
import { useDialogTask } from '../../components/useDialogTask';
import { saveNameProblem, suggestedSaveName } from './save-name';

const LISTED = 4;

export function SaveDialog({ keys }: { keys: string[] }) {
  const { closeDialog, cancelTask, images } = useAppStore(
    useShallow((state) => ({ closeDialog: state.closeDialog, cancelTask: state.cancelTask, images: state.images })),
  );
  const offline = useActionsDisabled();
  // The rows as they were when the dialog opened: a refresh while saving must not change what is being saved.
  const [rows] = useState<ImageSummary[]>(() => keys.map((key) => images.find((image) => rowKey(image) === key)).filter((row): row is ImageSummary => !!row));
  const [name, setName] = useState(() => suggestedSaveName(rows));
  const [keepCompressed, setKeepCompressed] = useState(false);
  const { busy, starting, task, error, cancelled, run } = useDialogTask(closeDialog);
  const problem = saveNameProblem(name);
  const ids = { name: useId(), compressed: useId() };

  async function submit() {
    if (busy || problem || rows.length === 0) return;
    const bridge = getBridge();
    let deliver: (() => void) | undefined;
    await run(async () => {
      if (!bridge.fileTarget) throw new Error('this window cannot save files');
      const target = await bridge.fileTarget(name.trim());
      if (!target) return null; // the native Save dialog was cancelled
      deliver = target.deliver;
      return bridge.save(rows.map(rowTarget), target.ref, keepCompressed ? { keepCompressed: true } : undefined);
    }, () => deliver?.());
  }

  // Rows are tags: three tags of one image are one image in the file, under three names.
  const distinct = new Set(rows.map((row) => row.id)).size;
  const title = rows.length === 1 ? `Save ${displayName(rows[0]!)}` : distinct === rows.length ? `Save ${rows.length} images` : `Save ${rows.length} tags of ${distinct} images`;
  const result = task?.state === 'done' ? (task.result as SaveResult | null) : null;

  return (
    <Dialog
      title={title}
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submit()}
      error={error && `Save failed: ${error}`}
      actions={
        <TaskDialogActions
          busy={busy}
          taskId={task?.id ?? null}
          cancelTaskLabel="Cancel save"
          actionLabel="Save"
          actionDisabled={problem !== null || rows.length === 0}
          offline={offline}
          onCancelTask={(id) => void cancelTask(id)}
          onClose={closeDialog}
        />
      }
    >
      <p className="muted">
        Writes{' '}
        {rows.slice(0, LISTED).map((row, index) => (
          <span key={rowKey(row)}>
            {index > 0 && (index === rows.length - 1 ? ' and ' : ', ')}
            <code className="mono">{row.dangling ? row.id.slice(7, 19) : displayName(row)}</code>
          </span>
        ))}
        {rows.length > LISTED ? ` and ${rows.length - LISTED} more` : ''} into one tarball that <code>docker load</code>,{' '}
        <code>podman load</code> and <code>skopeo</code> read.
      </p>
      <fieldset className="fields" disabled={busy}>
        <label className="field">
          <span className="field-label">File name</span>
          <input
            type="text"
            className="mono"
            autoFocus
            value={name}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={problem !== null}
            aria-describedby={ids.name}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <div id={ids.name} className="field-notes" aria-live="polite">
          {problem && <p className="field-problem">{problem}</p>}
        </div>
        <label className="check-row">
          <input type="checkbox" checked={keepCompressed} onChange={(event) => setKeepCompressed(event.target.checked)} aria-describedby={ids.compressed} />
          <span>Keep layers compressed</span>
        </label>
        <p id={ids.compressed} className="muted small save-option-note">
          Smaller, faster; docker, podman and skopeo load it. Off, layers are written uncompressed, as <code>docker save</code> does.
        </p>
      </fieldset>
      {cancelled && !busy && (
        <p className="import-cancelled" role="status">
          <strong>Cancelled.</strong> No file was left behind; save again when you are ready.
        </p>
      )}
      {busy && (
        <div className="import-progress">
          <div className="import-progress-label">
            <span>{starting || !task ? 'Starting the save…' : result ? 'Saved.' : `Writing ${name.trim()}…`}</span>
            {task && task.progress.total !== null && task.progress.total > 0 && <span className="num">{progressText(task.progress)}</span>}
          </div>
          <ProgressBar label="Save progress" progress={task?.progress ?? { current: 0, total: null }} />
        </div>
      )}
    </Dialog>
  );
}
