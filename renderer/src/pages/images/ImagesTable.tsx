// The virtualised Images grid: only the rows in view exist in the DOM, so 5,000 tags scroll like 50.
//
// Keyboard: the rows are one Tab stop with a roving tabIndex (the current row has 0 and real DOM focus). Chosen over
// aria-activedescendant because the row buttons (copy, tag, remove) need real focus too, focus rings and :focus-within
// then come from the browser, and screen readers follow real focus more reliably. Virtualisation would unmount a
// focused row scrolled out of view, so the current row is always rendered (rangeExtractor), wherever it is.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { ColumnWidths } from '../../components/MiddleTruncate';
import { rowKey, rowTarget } from '../../state/rows';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { openSelectedDetail } from './actions';
import { gridCommand, pageRowsIn, type MoveSelect } from './grid-keys';
import { ImageRow } from './ImageRow';
import { ImagesEmpty } from './ImagesEmpty';
import { PendingPulls } from './PendingPulls';
import { pendingPulls, runningPulls } from '../../state/row-pulls';
import { RowMenu } from './RowMenu';
import { menuTargets, runRowAction, type RowActionId } from './row-actions';
import { TableHeader } from './TableHeader';
import { useColumnWidths } from './useColumnWidths';
import { useRowMenu } from './useRowMenu';

export const ROW_HEIGHT = 26;

export function ImagesTable() {
  const { visible, total, loaded, error, selection, selectRow, selectAll, openDetail, detailOpen, loadImages } = useAppStore(
    useShallow((state) => ({
      visible: state.visibleImages,
      total: state.images.length,
      loaded: state.imagesLoaded,
      error: state.imagesError,
      selection: state.selection,
      selectRow: state.selectRow,
      selectAll: state.selectAll,
      openDetail: state.openDetail,
      detailOpen: state.detailKey !== null,
      loadImages: state.loadImages,
    })),
  );
  const { tasks, updates, images } = useAppStore(useShallow((state) => ({ tasks: state.tasks, updates: state.updates, images: state.images })));
  const pulls = useMemo(() => runningPulls(tasks), [tasks]);
  const pending = useMemo(() => pendingPulls(pulls, new Set(images.map((image) => image.reference ?? ''))), [pulls, images]);
  const offline = useActionsDisabled();
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [currentKey, setCurrentKey] = useState<string | null>(null);
  /** Where the current row was, so the grid lands beside it when it goes (removed, filtered out). */
  const lastIndex = useRef(0);
  /** Set by a keyboard move: focus the current row once it is rendered. */
  const focusPending = useRef(false);
  /** Focus is in the rows (or was, when its row left the DOM: a removed element fires no blur). */
  const focusInRows = useRef(false);
  const widths = useColumnWidths(gridRef, loaded && visible.length > 0);

  const keys = useMemo(() => visible.map(rowKey), [visible]);
  const selected = useMemo(() => new Set(selection), [selection]);
  const currentIndex = currentKey === null ? -1 : keys.indexOf(currentKey);
  // Before any row was current, the Tab stop is the first selected row, else the top one.
  const stop = currentIndex >= 0 ? currentIndex : Math.max(0, keys.findIndex((key) => selected.has(key)));

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (stop < range.count && !indexes.includes(stop)) return [...indexes, stop].sort((a, b) => a - b);
      return indexes;
    },
    [stop],
  );
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => keys[index]!,
    rangeExtractor,
  });

  const rowElement = useCallback((key: string | undefined) => {
    if (key === undefined) return null;
    return gridRef.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`) ?? null;
  }, []);

  // The current row left the list (removed, filtered out): the row now at its place takes over, and takes focus if
  // focus went down with the old one.
  useLayoutEffect(() => {
    if (currentIndex >= 0) {
      lastIndex.current = currentIndex;
      return;
    }
    if (currentKey === null) return;
    const next = keys.length ? keys[Math.min(lastIndex.current, keys.length - 1)]! : null;
    setCurrentKey(next);
    const active = document.activeElement;
    if (focusInRows.current && (active === null || active === document.body)) focusPending.current = true;
  }, [currentIndex, currentKey, keys]);

  useLayoutEffect(() => {
    // Not while the current row is being replaced above: `stop` is only a stand-in for that one render.
    if (!focusPending.current || (currentKey !== null && currentIndex < 0)) return;
    const element = rowElement(keys[stop]);
    if (element) {
      focusPending.current = false;
      element.focus({ preventScroll: true });
    }
  });

  // The detail pane closed with focus in it (its close button, Escape in a tab): back to the row it was about.
  const paneWasOpen = useRef(detailOpen);
  useEffect(() => {
    const closed = paneWasOpen.current && !detailOpen;
    paneWasOpen.current = detailOpen;
    if (!closed) return;
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && !active.closest('.inspect-pane')) return;
      virtualizer.scrollToIndex(stop, { align: 'auto' });
      focusPending.current = true;
      rowElement(keys[stop])?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [detailOpen, keys, stop, virtualizer, rowElement]);

  // Stable while the list is: scrolling then re-renders only the rows that come into view (ImageRow is memo).
  const choose = useCallback(
    (index: number, mode: 'single' | 'toggle' | 'range') => {
      const image = visible[index];
      if (!image) return;
      const key = rowKey(image);
      setCurrentKey(key);
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
  const onFocusRow = useCallback((index: number) => setCurrentKey(keys[index] ?? null), [keys]);

  const { menu, closeMenu, onMenu, openMenuFromKeyboard } = useRowMenu({ visible, keys, offline, rowElement, setCurrentKey });
  const onAction = useCallback(
    (index: number, action: RowActionId) => {
      const image = visible[index];
      if (!image) return;
      setCurrentKey(keys[index]!);
      // A click (which does not move focus) hands focus to the row, so a dialog it opens returns there; from the
      // keyboard the button keeps it, and gets it back.
      const element = rowElement(keys[index]);
      if (element && !element.contains(document.activeElement)) element.focus({ preventScroll: true });
      runRowAction(action, [image]);
    },
    [visible, keys, rowElement],
  );

  function moveTo(index: number, select: MoveSelect) {
    if (select === 'none') setCurrentKey(keys[index]!);
    else choose(index, select);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    focusPending.current = true;
  }

  /** Left/Right among the row's buttons; Left from the first, or Escape, goes back to the row. */
  function buttonKey(event: KeyboardEvent, button: HTMLElement, row: HTMLElement): boolean {
    const buttons = rowButtons(row);
    const at = buttons.indexOf(button);
    if (event.key === 'ArrowRight') buttons[Math.min(at + 1, buttons.length - 1)]?.focus();
    else if (event.key === 'ArrowLeft') (at > 0 ? buttons[at - 1]! : row).focus();
    else if (event.key === 'Escape') row.focus();
    else return event.key === 'Enter' || event.key === ' '; // the button's own click
    event.preventDefault();
    return true;
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-row-key]');
    if (!row) return; // the header's sort buttons keep their own keys
    if (target !== row && buttonKey(event, target, row)) return;
    const at = keys.indexOf(row.dataset.rowKey!);
    const page = pageRowsIn(scrollRef.current?.clientHeight ?? 0, ROW_HEIGHT);
    const command = gridCommand(event, at, keys.length, page);
    if (!command) return;
    event.preventDefault();
    switch (command.kind) {
      case 'move':
        moveTo(command.to, command.select);
        break;
      case 'toggle':
        selectRow(keys[at]!, 'toggle');
        break;
      case 'open':
        open(at);
        break;
      case 'remove':
        if (!offline) runRowAction('remove', menuTargets(visible[at]!));
        break;
      case 'menu':
        openMenuFromKeyboard(at, row);
        break;
      case 'select-all':
        selectAll();
        break;
      case 'actions':
        rowButtons(row)[0]?.focus();
        break;
    }
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
  if (visible.length === 0 && pending.length === 0) return <ImagesEmpty storeEmpty={total === 0} />;

  return (
    <div
      ref={gridRef}
      className="grid"
      role="grid"
      aria-label="Images"
      aria-multiselectable="true"
      aria-rowcount={visible.length + 1}
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        focusInRows.current = (event.target as HTMLElement).closest('[data-row-key]') !== null;
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) focusInRows.current = false;
      }}
    >
      <TableHeader />
      <ColumnWidths.Provider value={widths}>
        <PendingPulls pulls={pending} />
      </ColumnWidths.Provider>
      <div className="grid-scroll" ref={scrollRef}>
        <ColumnWidths.Provider value={widths}>
          <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }} role="rowgroup">
            {virtualizer.getVirtualItems().map((item) => {
              const image = visible[item.index]!;
              const key = keys[item.index]!;
              return (
                <ImageRow
                  key={key}
                  image={image}
                  index={item.index}
                  top={item.start}
                  selected={selected.has(key)}
                  current={item.index === stop}
                  offline={offline}
                  onSelect={choose}
                  onOpen={open}
                  onFocusRow={onFocusRow}
                  onMenu={onMenu}
                  onAction={onAction}
                  pull={pulls.get(key)}
                  update={image.reference ? updates[image.reference] : undefined}
                />
              );
            })}
          </div>
        </ColumnWidths.Provider>
      </div>
      {menu && <RowMenu menu={menu} onClose={closeMenu} />}
    </div>
  );
}

/** The row's buttons in reading order (the ID's copy button, then the actions), leaving out hidden columns'. */
function rowButtons(row: HTMLElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>('button')].filter((button) => button.getClientRects().length > 0);
}
