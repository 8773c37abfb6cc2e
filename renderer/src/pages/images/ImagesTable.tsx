// The virtualised Images grid: only the rows in view exist in the DOM, so 5,000 tags scroll like 50.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { rowKey, rowTarget } from '../../state/rows';
import { useAppStore } from '../../state/store';
import { openSelectedDetail } from './actions';
import { ImageRow } from './ImageRow';
import { ImagesEmpty } from './ImagesEmpty';
import { TableHeader } from './TableHeader';

export const ROW_HEIGHT = 26;

export function ImagesTable() {
  const { visible, total, loaded, error, selection, selectRow, openDetail, detailOpen, loadImages } = useAppStore(
    useShallow((state) => ({
      visible: state.visibleImages,
      total: state.images.length,
      loaded: state.imagesLoaded,
      error: state.imagesError,
      selection: state.selection,
      selectRow: state.selectRow,
      openDetail: state.openDetail,
      detailOpen: state.detailKey !== null,
      loadImages: state.loadImages,
    })),
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const cursor = useRef<string | null>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => rowKey(visible[index]!),
  });
  const selected = new Set(selection);

  // Stable while the list is: scrolling then re-renders only the rows that come into view (ImageRow is memo).
  const choose = useCallback(
    (index: number, mode: 'single' | 'toggle' | 'range') => {
      const image = visible[index];
      if (!image) return;
      const key = rowKey(image);
      cursor.current = key;
      selectRow(key, mode);
      if (detailOpen && mode === 'single') openDetail(key, rowTarget(image));
    },
    [visible, selectRow, detailOpen, openDetail],
  );
  const open = useCallback(
    (index: number) => {
      choose(index, 'single');
      openSelectedDetail();
    },
    [choose],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const keys = visible.map(rowKey);
    const at = cursor.current ? keys.indexOf(cursor.current) : -1;
    const next =
      event.key === 'Home' ? 0
      : event.key === 'End' ? keys.length - 1
      : event.key === 'ArrowDown' ? Math.min(keys.length - 1, at + 1)
      : Math.max(0, at - 1);
    if (next < 0) return;
    choose(next, event.shiftKey ? 'range' : 'single');
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  if (error && total === 0) {
    return (
      <div className="table-message" role="alert">
        <p>Could not list images: {error.message}</p>
        <button type="button" className="button" onClick={() => void loadImages()}>
          Retry
        </button>
      </div>
    );
  }
  if (!loaded) return <div className="table-message">Loading images…</div>;
  if (visible.length === 0) return <ImagesEmpty storeEmpty={total === 0} />;

  return (
    <div
      className="grid"
      role="grid"
      aria-label="Images"
      aria-multiselectable="true"
      aria-rowcount={visible.length + 1}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <TableHeader />
      <div className="grid-scroll" ref={scrollRef}>
        <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }} role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => {
            const image = visible[item.index]!;
            const key = rowKey(image);
            return (
              <ImageRow
                key={key}
                image={image}
                index={item.index}
                top={item.start}
                selected={selected.has(key)}
                onSelect={choose}
                onOpen={open}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
