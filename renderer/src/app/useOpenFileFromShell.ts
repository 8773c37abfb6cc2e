// Electron's File ▸ Import… picks the file natively and asks the page for its dialog.
import { useEffect } from 'react';
import { getBridge } from '../bridge/index';
import { useAppStore } from '../state/store';

export function useOpenFileFromShell(): void {
  const openDialog = useAppStore((state) => state.openDialog);
  useEffect(() => {
    const bridge = getBridge();
    return bridge.onOpenFile?.((request) => {
      if (request.purpose === 'import') {
        openDialog({ kind: 'import', input: { kind: 'ref', file: request.file } });
      }
    });
  }, [openDialog]);
}
