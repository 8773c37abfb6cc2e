// Save… for the selected file or folder: the shell's target (Electron's Save dialog, a download in the browser
// shell), as the image Save… dialog picks it, then the export followed in place with its progress and Cancel.
import { useState } from 'react';
import type { ImageFileEntry } from '../../../../../shared/api';
import { getBridge } from '../../../bridge/index';
import { Icon } from '../../../components/Icon';
import { ProgressBar } from '../../../components/ProgressBar';
import { useDialogTask } from '../../../components/useDialogTask';
import { useActionsDisabled, useAppStore } from '../../../state/store';
import { canSave, savedName } from './save-name';

interface SaveFileProps {
  imageId: string;
  entry: ImageFileEntry;
}

/** A fresh control after each finished save: useDialogTask ends in its running phase when the work is done. */
export function SaveFile(props: SaveFileProps) {
  const [round, setRound] = useState(0);
  return <SaveFileControl key={`${props.entry.path}#${round}`} {...props} onDone={() => setRound((n) => n + 1)} />;
}

function SaveFileControl({ imageId, entry, onDone }: SaveFileProps & { onDone(): void }) {
  const cancelTask = useAppStore((state) => state.cancelTask);
  const offline = useActionsDisabled();
  const { busy, starting, task, error, cancelled, run } = useDialogTask(onDone);
  const name = savedName(entry);

  async function save() {
    const bridge = getBridge();
    let deliver: (() => void) | undefined;
    await run(async () => {
      if (!bridge.fileTarget) throw new Error('this window cannot save files');
      const target = await bridge.fileTarget(name);
      if (!target) return null; // the native Save dialog was cancelled
      deliver = target.deliver;
      return bridge.saveImageFiles(imageId, entry.path, target.ref);
    }, () => deliver?.());
  }

  const what = entry.kind === 'dir' ? `Save ${entry.path} as ${name}` : `Save ${entry.path}`;
  return (
    <div className="file-save">
      {busy ? (
        <div className="file-save-progress">
          <span className="small">{starting || !task ? 'Starting…' : `Writing ${name}…`}</span>
          <ProgressBar label={`Saving ${name}`} progress={task?.progress ?? { current: 0, total: null }} />
          {task && (
            <button type="button" className="button button-small" onClick={() => void cancelTask(task.id)}>
              Cancel
            </button>
          )}
        </div>
      ) : (
        <button type="button" className="button button-small" disabled={!canSave(entry) || offline} title={what} aria-label={what} onClick={() => void save()}>
          <Icon name="save" size={13} /> Save…
        </button>
      )}
      {error && !busy && (
        <p className="file-error small" role="alert">
          Could not save {name}: {error}
        </p>
      )}
      {cancelled && !busy && (
        <p className="muted small" role="status">
          Save cancelled.
        </p>
      )}
    </div>
  );
}
