// The bottom line: where the store is and what it holds.
import { useShallow } from 'zustand/react/shallow';
import { humanSize } from '../../../shared/format';
import { SIZE_WORDS } from '../components/size-words';
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
        <>
          <span className="status-item" title="Distinct image IDs, tagged or dangling">
            {diskUsage.uniqueImages} {diskUsage.uniqueImages === 1 ? 'image' : 'images'}
          </span>
          <span className="status-item" title={`${SIZE_WORDS.uniqueLayers.tip} ${diskUsage.uniqueSize.toLocaleString()} bytes.`}>
            {humanSize(diskUsage.uniqueSize)} {SIZE_WORDS.uniqueLayers.label.toLowerCase()}
          </span>
          <span className="status-item" title={`${SIZE_WORDS.storeOnDisk.tip} ${diskUsage.storeSize.toLocaleString()} bytes.`}>
            {humanSize(diskUsage.storeSize)} {SIZE_WORDS.storeOnDisk.label.toLowerCase()}
          </span>
          {diskUsage.reclaimable > 0 && (
            <span className="status-item" title={SIZE_WORDS.reclaimable.tip}>
              {humanSize(diskUsage.reclaimable)} {SIZE_WORDS.reclaimable.label.toLowerCase()}
            </span>
          )}
        </>
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
