// Counts and sizes above the table, and the way to reclaim space.
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { SizeText } from '../../components/SizeText';
import { useActionsDisabled, useAppStore } from '../../state/store';

export function ImagesSummary() {
  const offline = useActionsDisabled();
  const { diskUsage, shown, total, selected, openDialog } = useAppStore(
    useShallow((state) => ({
      diskUsage: state.diskUsage,
      shown: state.visibleImages.length,
      total: state.images.length,
      selected: state.selection.length,
      openDialog: state.openDialog,
    })),
  );
  return (
    <div className="summary" aria-label="Store summary">
      <span className="summary-item">
        <strong className="num">{shown === total ? total : `${shown} of ${total}`}</strong> {total === 1 ? 'row' : 'rows'}
      </span>
      {diskUsage && (
        <>
          <span className="summary-item" title="Distinct image IDs, tagged or dangling">
            <strong className="num">{diskUsage.uniqueImages}</strong> {diskUsage.uniqueImages === 1 ? 'image' : 'images'}
          </span>
          <span className="summary-item" title="Every image's size (its files unpacked, as docker counts it) added up: shared layers counted once per image">
            Total <strong><SizeText bytes={diskUsage.totalSize} /></strong>
          </span>
          <span className="summary-item" title="Distinct layers unpacked: shared layers counted once">
            Unique <strong><SizeText bytes={diskUsage.uniqueSize} /></strong>
          </span>
          <span className="summary-item" title="The same distinct layers as stored on disk (compressed where they came compressed)">
            On disk <strong><SizeText bytes={diskUsage.uniqueDiskSize} /></strong>
          </span>
          {diskUsage.reclaimable > 0 && (
            <span className="summary-item" title="Dangling images and unreferenced blobs">
              Reclaimable <strong><SizeText bytes={diskUsage.reclaimable} /></strong>
            </span>
          )}
        </>
      )}
      {selected > 0 && <span className="summary-item summary-selected">{selected} selected</span>}
      <span className="summary-spacer" />
      <button type="button" className="button button-small" disabled={offline} onClick={() => openDialog({ kind: 'prune' })}>
        <Icon name="prune" size={13} /> Prune…
      </button>
    </div>
  );
}
