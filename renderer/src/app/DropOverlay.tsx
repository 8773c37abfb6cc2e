// Dropping tarballs anywhere on the window: image archives load, a root filesystem opens the import dialog.
import { useEffect, useRef, useState } from 'react';
import { Icon } from '../components/Icon';
import { handleDroppedFiles } from '../pages/load/load-files';

function carriesFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

export function DropOverlay() {
  const [visible, setVisible] = useState(false);
  const depth = useRef(0);

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
      const files = [...(event.dataTransfer?.files ?? [])];
      if (files.length > 0) void handleDroppedFiles(files);
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
  }, []);

  if (!visible) return null;
  return (
    <div className="drop-overlay" role="status" aria-live="polite">
      <div className="drop-target">
        <Icon name="import" size={36} />
        <div className="drop-title">Drop tarballs to load or import</div>
        <div className="drop-hint">An image archive (docker save, podman, skopeo, OCI) is loaded; a root filesystem is imported as a one-layer image</div>
      </div>
    </div>
  );
}
