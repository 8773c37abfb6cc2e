// Electron's File ▸ Import… and Load… pick the file natively: the page opens its import dialog, or loads it.
import { useEffect } from 'react';
import { getBridge } from '../bridge/index';
import { useAppStore } from '../state/store';
import { loadAndReveal } from '../pages/load/load-files';

export function useOpenFileFromShell(): void {
  const openDialog = useAppStore((state) => state.openDialog);
  useEffect(() => {
    const bridge = getBridge();
    return bridge.onOpenFile?.((request) => {
      if (request.purpose === 'import') {
        openDialog({ kind: 'import', input: { kind: 'ref', file: request.file } });
      } else if (request.purpose === 'load') {
        void loadAndReveal({ kind: 'ref', file: request.file });
      }
    });
  }, [openDialog]);
}
