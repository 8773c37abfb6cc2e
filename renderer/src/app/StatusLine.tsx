// The bottom line: where the store is and what it holds.
import { useShallow } from 'zustand/react/shallow';
import { humanSize } from '../../../shared/format';
import { useAppStore } from '../state/store';

export function StatusLine() {
  const { info, diskUsage, running } = useAppStore(
    useShallow((state) => ({
      info: state.info,
      diskUsage: state.diskUsage,
      running: state.tasks.filter((task) => task.state === 'running').length,
    })),
  );
  return (
    <footer className="status-line" aria-label="Status">
      <span className="status-item mono" title={info ? `Store: ${info.storePath}` : undefined}>
        {info ? info.storePath : 'Connecting…'}
      </span>
      {diskUsage && (
        <span className="status-item" title={`${diskUsage.storeSize.toLocaleString()} bytes under blobs/`}>
          {diskUsage.uniqueImages} {diskUsage.uniqueImages === 1 ? 'image' : 'images'} · {humanSize(diskUsage.uniqueSize)} used
          {diskUsage.reclaimable > 0 && ` · ${humanSize(diskUsage.reclaimable)} reclaimable`}
        </span>
      )}
      <span className="status-spacer" />
      {running > 0 && <span className="status-item">{running} running</span>}
      {info && (
        <span className="status-item">
          Berth {info.version} · {info.platform}
        </span>
      )}
    </footer>
  );
}
