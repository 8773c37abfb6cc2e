// Load…: the shell's native picker where it has one (Electron), else a file input taking several archives. The user
// said these are image archives, so they load without the drop's sniffing; a wrong file gets the core's error.
import { useRef } from 'react';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { Icon } from '../../components/Icon';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { loadAndReveal } from './load-files';

export function LoadButton() {
  const inputRef = useRef<HTMLInputElement>(null);
  const pushToast = useAppStore((state) => state.pushToast);
  const offline = useActionsDisabled();

  async function choose() {
    const bridge = getBridge();
    if (bridge.shell === 'electron' && bridge.chooseFile) {
      try {
        const file = await bridge.chooseFile('load');
        if (file) await loadAndReveal({ kind: 'ref', file });
      } catch (err) {
        pushToast({ tone: 'error', message: 'Could not open a file', detail: toErrorPayload(err).message });
      }
      return;
    }
    inputRef.current?.click();
  }

  return (
    <>
      <button type="button" className="button" disabled={offline} title="Load images from a docker save, podman, skopeo or OCI archive" onClick={() => void choose()}>
        <Icon name="load" size={14} /> Load…
      </button>
      <input
        ref={inputRef}
        type="file"
        hidden
        multiple
        aria-label="Image archives to load"
        accept=".tar,.tgz,.gz,.xz,.zst,.txz,.tzst,.bz2,application/x-tar,application/gzip"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          for (const file of files) void loadAndReveal({ kind: 'file', file });
        }}
      />
    </>
  );
}
