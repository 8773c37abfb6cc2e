// Counts and sizes above the table, and the way to reclaim space.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { SizeText } from '../../components/SizeText';
import { SIZE_WORDS } from '../../components/size-words';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { rowKey } from '../../state/rows';
import { openCompare } from '../compare/compare-state';

export function ImagesSummary() {
  const offline = useActionsDisabled();
  const { diskUsage, shown, images, complete, selection, openDialog } = useAppStore(
    useShallow((state) => ({
      diskUsage: state.diskUsage,
      shown: state.visibleImages.length,
      images: state.images,
      complete: state.imagesComplete,
      selection: state.selection,
      openDialog: state.openDialog,
    })),
  );
  const selected = selection.length;
  // Exactly two rows: Compare sits beside the count (the top bar has no room left at 900 px).
  const pair = selected === 2 ? selection.map((key) => images.find((image) => rowKey(image) === key)) : [];
  const total = images.length;
  const dangling = useMemo(() => images.filter((image) => image.dangling).length, [images]);
  const tags = total - dangling;
  return (
    <div className="summary" aria-label="Store summary">
      {!complete ? (
        <span className="summary-item muted" aria-live="polite">
          Counting tags…
        </span>
      ) : (
        <span className="summary-item" title="Each tag is one line in the table; so is each dangling image (one with no tag left)">
          <strong className="num">{tags.toLocaleString('en')}</strong> {tags === 1 ? 'tag' : 'tags'}
          {dangling > 0 && (
            <>
              , <strong className="num">{dangling.toLocaleString('en')}</strong> dangling
            </>
          )}
        </span>
      )}
      {complete && shown !== total && (
        <span className="summary-item" title="Lines the filter and the dangling switch let through">
          <strong className="num">{shown.toLocaleString('en')}</strong> shown
        </span>
      )}
      {diskUsage && (
        <>
          <span className="summary-item" title="Distinct image IDs, tagged or dangling">
            <strong className="num">{diskUsage.uniqueImages}</strong> {diskUsage.uniqueImages === 1 ? 'image' : 'images'}
          </span>
          <span className="summary-item" title={SIZE_WORDS.sumOfSizes.tip}>
            {SIZE_WORDS.sumOfSizes.label} <strong><SizeText bytes={diskUsage.totalSize} /></strong>
          </span>
          <span className="summary-item" title={SIZE_WORDS.uniqueLayers.tip}>
            {SIZE_WORDS.uniqueLayers.label} <strong><SizeText bytes={diskUsage.uniqueSize} /></strong>{' '}
            <span className="muted" title={SIZE_WORDS.uniqueLayersOnDisk.tip}>
              (<SizeText bytes={diskUsage.uniqueDiskSize} /> {SIZE_WORDS.uniqueLayersOnDisk.label})
            </span>
          </span>
          {diskUsage.reclaimable > 0 && (
            <span className="summary-item" title={SIZE_WORDS.reclaimable.tip}>
              {SIZE_WORDS.reclaimable.label} <strong><SizeText bytes={diskUsage.reclaimable} /></strong>
            </span>
          )}
        </>
      )}
      {selected > 0 && <span className="summary-item summary-selected">{selected} selected</span>}
      {pair[0] && pair[1] && (
        <button
          type="button"
          className="button button-small"
          title="Compare the two selected images: files added, changed and deleted, and config"
          onClick={() => openCompare(pair[0]!, pair[1]!)}
        >
          <Icon name="compare" size={13} /> Compare
        </button>
      )}
      <span className="summary-spacer" />
      <button type="button" className="button button-small" disabled={offline} onClick={() => openDialog({ kind: 'prune' })}>
        <Icon name="prune" size={13} /> Prune…
      </button>
    </div>
  );
}
