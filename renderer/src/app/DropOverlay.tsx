// Dropping a file anywhere on the window opens the import dialog for it.
import { useEffect, useRef, useState } from 'react';
import { Icon } from '../components/Icon';
import { useAppStore } from '../state/store';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function DropOverlay() {
  const [visible, setVisible] = useState(false);
  const depth = useRef(0);
  const openDialog = useAppStore((state) => state.openDialog);

  useEffect(() => {
    function enter(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setVisible(true);
    }
    function over(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault(); // without this the browser would open the file itself
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    }
    function leave(event: DragEvent) {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setVisible(false);
    }
    function drop(event: DragEvent) {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current = 0;
      setVisible(false);
      const file = event.dataTransfer?.files[0];
      if (file && useAppStore.getState().dialog === null) openDialog({ kind: 'import', input: { kind: 'file', file } });
    }
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [openDialog]);

  if (!visible) return null;
  return (
    <div className="drop-overlay" role="status" aria-live="polite">
      <div className="drop-target">
        <Icon name="import" size={36} />
        <div className="drop-title">Drop a root filesystem tarball to import</div>
        <div className="drop-hint">.tar, .tar.gz, .tar.xz or .tar.zst — it becomes a one-layer image</div>
      </div>
    </div>
  );
}
