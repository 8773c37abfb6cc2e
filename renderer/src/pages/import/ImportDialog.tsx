// `berth import` as a form: name, changes, message, platform, each checked as typed; then the upload (browser shell)
// and the import, followed through the task the user also sees in Tasks.
import { useEffect, useRef, useState } from 'react';
import type { ImportOptions, TaskHandle, TaskProgress } from '../../../../shared/api';
import { humanSize } from '../../../../shared/format';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { SizeText } from '../../components/SizeText';
import { useMoveConfirmation, useTagNameCheck } from '../../components/TagNameNotes';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { reportInPlace } from '../../state/tasks-slice';
import type { ImportInput } from '../../state/ui-slice';
import { ImportFields, type ImportForm } from './ImportFields';
import { useArchiveSniff } from './useArchiveSniff';
import { changeLines, useImportCheck } from './useImportCheck';
import { useImportTask } from './useImportTask';
import { TaskDialogActions } from '../../components/TaskDialogActions';

/** Which task the dialog follows: the page's upload, then the service's import. */
type Phase = { step: 'form' } | { step: 'uploading'; uploadId: string } | { step: 'starting' } | { step: 'importing'; taskId: string };

function optionsOf(form: ImportForm): ImportOptions {
  const changes = changeLines(form.changes);
  return {
    reference: form.reference.trim() || undefined,
    changes: changes.length ? changes : undefined,
    message: form.message.trim() || undefined,
    platform: form.platform.trim() || undefined,
  };
}

export function progressText(progress: TaskProgress): string {
  if (progress.total === null) return humanSize(progress.current);
  const percent = progress.total ? Math.floor((progress.current / progress.total) * 100) : 0;
  return `${humanSize(progress.current)} of ${humanSize(progress.total)} · ${percent}%`;
}

export function ImportDialog({ input }: { input: ImportInput | null }) {
  const closeDialog = useAppStore((state) => state.closeDialog);
  const uploadThenStart = useAppStore((state) => state.uploadThenStart);
  const cancelTask = useAppStore((state) => state.cancelTask);
  const offline = useActionsDisabled();
  const [form, setForm] = useState<ImportForm>({ reference: '', changes: '', message: '', platform: '' });
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [error, setError] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const task = useImportTask(phase.step === 'importing' ? phase.taskId : phase.step === 'uploading' ? phase.uploadId : null);
  const busy = phase.step !== 'form';
  const fileName = input?.file.name;
  // The imported image is new: a name in use now is taken from the image it names, once the user says so.
  const nameCheck = useTagNameCheck(form.reference, null);
  const move = useMoveConfirmation(nameCheck);
  const check = useImportCheck(form.changes, form.platform);
  const notImportable = useArchiveSniff(input?.kind === 'file' ? input.file : null);
  const valid = move.ready && check.current && !check.changes && !check.platform && notImportable === null;
  // While this dialog is open it says how its tasks failed or that they were cancelled; no toast repeats it.
  const reported = useRef<Array<() => void>>([]);
  useEffect(() => () => reported.current.forEach((forget) => forget()), []);
  const follow = (taskId: string) => reported.current.push(reportInPlace(taskId));

  async function submit() {
    if (!input || !valid) return;
    setError(null);
    setCancelled(false);
    const bridge = getBridge();
    const options = optionsOf(form);
    try {
      let handle: TaskHandle<'import'>;
      if (input.kind === 'file' && bridge.shell === 'web') {
        // The upload is a task from its first byte, titled as the import will be; it carries on if the dialog closes.
        const as = nameCheck.kind === 'valid' ? ` as ${nameCheck.reference}` : '';
        const upload = uploadThenStart({ file: input.file, kind: 'import', title: `Import ${input.file.name}${as}`, start: (ref) => bridge.importRootfs(ref, options) });
        follow(upload.uploadId);
        setPhase({ step: 'uploading', uploadId: upload.uploadId });
        handle = await upload.started;
      } else {
        setPhase({ step: 'starting' });
        const file = input.kind === 'file' ? await bridge.fileRef(input.file) : input.file;
        // The handle names this dialog's own task: another import started meanwhile (another window, the CLI) is not it.
        handle = await bridge.importRootfs(file, options);
      }
      follow(handle.taskId);
      setPhase({ step: 'importing', taskId: handle.taskId });
      const ended = await bridge.waitTask(handle.taskId);
      // The task's own toast announces a success.
      if (ended.state === 'done') return closeDialog();
      if (ended.state === 'cancelled') setCancelled(true);
      else if (ended.error) setError(ended.error.message);
    } catch (err) {
      const payload = toErrorPayload(err);
      if (payload.code === 'CANCELLED') setCancelled(true);
      else setError(payload.message);
    }
    setPhase({ step: 'form' });
  }

  const label =
    phase.step === 'uploading' ? `Uploading ${fileName ?? 'the file'} to Berth…`
    : phase.step === 'starting' || !task ? 'Starting the import…'
    : 'Importing…';

  return (
    <Dialog
      title={fileName ? `Import ${fileName}` : 'Import a root filesystem'}
      wide
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submit()}
      error={error && `Import failed: ${error}`}
      actions={
        <TaskDialogActions
          busy={busy}
          taskId={task?.id ?? null}
          cancelTaskLabel={phase.step === 'uploading' ? 'Cancel upload' : 'Cancel import'}
          actionLabel="Import"
          actionDisabled={!input || !valid}
          offline={offline}
          onCancelTask={(id) => void cancelTask(id)}
          onClose={closeDialog}
        />
      }
    >
      {input?.kind === 'file' &&
        (notImportable ? (
          <p className="field-problem" role="alert">
            {notImportable}. Choose another file.
          </p>
        ) : (
          <p className="muted">
            {input.file.name} · <SizeText bytes={input.file.size} /> — becomes a one-layer image, as <code>docker import</code> does.
          </p>
        ))}
      <ImportFields
        form={form}
        onChange={setForm}
        disabled={busy}
        nameCheck={nameCheck}
        moveConfirmed={move.confirmed}
        onConfirmMove={move.setConfirmed}
        check={check}
      />
      {cancelled && !busy && (
        <p className="import-cancelled" role="status">
          <strong>Cancelled.</strong> Nothing was imported; import again when you are ready.
        </p>
      )}
      {busy && (
        <div className="import-progress">
          <div className="import-progress-label">
            <span>{label}</span>
            {task && <span className="num">{progressText(task.progress)}</span>}
          </div>
          <ProgressBar
            label={phase.step === 'uploading' ? 'Upload progress' : 'Import progress'}
            progress={task?.progress ?? { current: 0, total: null }}
          />
        </div>
      )}
    </Dialog>
  );
}
