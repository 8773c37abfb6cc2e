// `berth import` as a form: name, changes, message, platform; then progress from the task events.
import { useState } from 'react';
import type { ImportOptions, TaskProgress } from '../../../../shared/api';
import { humanSize } from '../../../../shared/format';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { Dialog } from '../../components/Dialog';
import { ProgressBar } from '../../components/ProgressBar';
import { SizeText } from '../../components/SizeText';
import { useMoveConfirmation, useTagNameCheck } from '../../components/TagNameNotes';
import { useAppStore } from '../../state/store';
import type { ImportInput } from '../../state/ui-slice';
import { ImportFields, type ImportForm } from './ImportFields';
import { useImportTask } from './useImportTask';

type Phase = { step: 'form' } | { step: 'uploading' } | { step: 'starting' } | { step: 'importing'; taskId: string };

function optionsOf(form: ImportForm): ImportOptions {
  const changes = form.changes.split('\n').map((line) => line.trim()).filter(Boolean);
  return {
    reference: form.reference.trim() || undefined,
    changes: changes.length ? changes : undefined,
    message: form.message.trim() || undefined,
    platform: form.platform.trim() || undefined,
  };
}

function progressText(progress: TaskProgress): string {
  if (progress.total === null) return humanSize(progress.current);
  const percent = progress.total ? Math.floor((progress.current / progress.total) * 100) : 0;
  return `${humanSize(progress.current)} of ${humanSize(progress.total)} · ${percent}%`;
}

export function ImportDialog({ input }: { input: ImportInput | null }) {
  const closeDialog = useAppStore((state) => state.closeDialog);
  const [form, setForm] = useState<ImportForm>({ reference: '', changes: '', message: '', platform: '' });
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [error, setError] = useState<string | null>(null);
  const task = useImportTask(phase.step === 'importing' ? phase.taskId : null);
  const busy = phase.step !== 'form';
  const fileName = input?.file.name;
  // The imported image is new: a name in use now is taken from the image it names, once the user says so.
  const nameCheck = useTagNameCheck(form.reference, null);
  const move = useMoveConfirmation(nameCheck);

  async function submit() {
    if (!input || !move.ready) return;
    setError(null);
    const bridge = getBridge();
    try {
      setPhase({ step: 'uploading' });
      const file = input.kind === 'file' ? await bridge.fileRef(input.file) : input.file;
      setPhase({ step: 'starting' });
      // The handle names this dialog's own task: another import started meanwhile (another window, the CLI) is not it.
      const { taskId } = await bridge.importRootfs(file, optionsOf(form));
      setPhase({ step: 'importing', taskId });
      const ended = await bridge.waitTask(taskId);
      // The task's own toast announces a success; a cancel the user asked for needs no message.
      if (ended.state === 'done') closeDialog();
      else {
        if (ended.state === 'failed' && ended.error) setError(ended.error.message);
        setPhase({ step: 'form' });
      }
    } catch (err) {
      setError(toErrorPayload(err).message);
      setPhase({ step: 'form' });
    }
  }

  return (
    <Dialog
      title={fileName ? `Import ${fileName}` : 'Import a root filesystem'}
      wide
      busy={busy}
      onClose={closeDialog}
      onSubmit={() => void submit()}
      error={error && `Import failed: ${error}`}
      actions={
        busy ? (
          <>
            {task && (
              <button type="button" className="button" onClick={() => void getBridge().cancelTask(task.id)}>
                Cancel import
              </button>
            )}
            <button type="button" className="button" onClick={closeDialog}>
              Continue in background
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" onClick={closeDialog}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={!input || !move.ready}>
              Import
            </button>
          </>
        )
      }
    >
      {input?.kind === 'file' && (
        <p className="muted">
          {input.file.name} · <SizeText bytes={input.file.size} /> — becomes a one-layer image, as <code>docker import</code> does.
        </p>
      )}
      <ImportFields
        form={form}
        onChange={setForm}
        disabled={busy}
        nameCheck={nameCheck}
        moveConfirmed={move.confirmed}
        onConfirmMove={move.setConfirmed}
      />
      {busy && (
        <div className="import-progress">
          <div className="import-progress-label">
            <span>{phase.step === 'uploading' ? `Sending ${fileName ?? 'the file'} to Berth…` : task ? task.title : 'Starting…'}</span>
            {task && <span className="num">{progressText(task.progress)}</span>}
          </div>
          <ProgressBar
            label="Import progress"
            progress={task?.progress ?? { current: 0, total: null }}
          />
        </div>
      )}
    </Dialog>
  );
}
