// Import…: the shell's native picker where it has one (Electron), else a hidden file input.
import { useRef } from 'react';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { Icon } from '../../components/Icon';
import { useActionsDisabled, useAppStore } from '../../state/store';

export function ImportButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  const openDialog = useAppStore((state) => state.openDialog);
  const pushToast = useAppStore((state) => state.pushToast);
  const offline = useActionsDisabled();

  async function choose() {
    const bridge = getBridge();
    if (bridge.shell === 'electron' && bridge.chooseFile) {
      try {
        const file = await bridge.chooseFile('import');
        if (file) openDialog({ kind: 'import', input: { kind: 'ref', file } });
      } catch (err) {
        pushToast({ tone: 'error', message: 'Could not open a file', detail: toErrorPayload(err).message });
      }
      return;
    }
    inputRef.current?.click();
  }

  return (
    <>
      <button type="button" className="button button-primary" disabled={offline} onClick={() => void choose()}>
        <Icon name="import" size={14} /> Import…
      </button>
      <input
        ref={inputRef}
        type="file"
        hidden
        aria-label="Root filesystem tarball to import"
        accept=".tar,.tgz,.gz,.xz,.zst,.txz,.tzst,application/x-tar,application/gzip"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) openDialog({ kind: 'import', input: { kind: 'file', file } });
        }}
      />
    </>
  );
}
