// The virtualised tree (WAI-ARIA tree pattern): only the rows in view exist in the DOM, so a folder of 100,000 files
// scrolls like one of 10. One Tab stop with a roving tabIndex, as the Images grid has it: Up/Down move, Right opens a
// folder (or steps into it), Left closes it (or steps out to its parent), Home/End and PageUp/PageDown jump, typing
// a name's first letters goes to the next row with that name, Enter or Space selects. The current row is always rendered, wherever it is, so focus never falls out with virtualisation.
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState, type KeyboardEvent } from 'react';
import type { ImageFileEntry } from '../../../../../shared/api';
import { FileTreeRow, TREE_ROW_HEIGHT } from './FileTreeRow';
import { parentPath, type TreeRow } from './tree-rows';

interface FileTreeProps {
  rows: TreeRow[];
  label: string;
  selectedPath: string | null;
  onSelect(entry: ImageFileEntry): void;
  onToggle(path: string, open: boolean): void;
  /** A path to scroll to and focus once it is a row. */
  reveal: string | null;
  /** The reveal was done: a tree mounted later (after a search) must not jump there again. */
  onRevealed(): void;
  layerView: boolean;
  imageId: string;
}

export function FileTree({ rows, label, selectedPath, onSelect, onToggle, reveal, onRevealed, layerView, imageId }: FileTreeProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [currentPath, setCurrentPath] = useState<string | null>(null);
  const focusPending = useRef(false);
  // A render to focus in, even when the current path does not change (a reveal of the row already current).
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const paths = useMemo(() => rows.map((row) => row.entry.path), [rows]);
  const indexOf = useMemo(() => new Map(paths.map((path, index) => [path, index])), [paths]);
  const currentIndex = currentPath === null ? -1 : (indexOf.get(currentPath) ?? -1);
  const selectedIndex = selectedPath === null ? -1 : (indexOf.get(selectedPath) ?? -1);
  const stop = currentIndex >= 0 ? currentIndex : Math.max(0, selectedIndex);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (stop < range.count && !indexes.includes(stop)) return [...indexes, stop].sort((a, b) => a - b);
      return indexes;
    },
    [stop],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TREE_ROW_HEIGHT,
    overscan: 16,
    getItemKey: (index) => paths[index]!,
    rangeExtractor,
  });

  const moveTo = useCallback(
    (index: number) => {
      const path = paths[index];
      if (path === undefined) return;
      setCurrentPath(path);
      focusPending.current = true;
      rerender();
      virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [paths, virtualizer],
  );

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    const path = paths[stop];
    const element = path === undefined ? null : scrollRef.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`);
    if (element) {
      focusPending.current = false;
      element.focus({ preventScroll: true });
    }
  });

  // A path to show (from the search, a layer switch): once its folders are open and it is a row, scroll to it,
  // make it current and give it focus.
  useEffect(() => {
    if (!reveal) return;
    const index = indexOf.get(reveal);
    if (index === undefined) return;
    onRevealed();
    virtualizer.scrollToIndex(index, { align: 'center' });
    moveTo(index);
  }, [reveal, indexOf, moveTo, virtualizer, onRevealed]);

  const pick = useCallback(
    (row: TreeRow) => {
      setCurrentPath(row.entry.path);
      onSelect(row.entry);
    },
    [onSelect],
  );
  const toggle = useCallback((row: TreeRow) => onToggle(row.entry.path, !row.expanded && row.folder?.state !== 'loading'), [onToggle]);

  // Type-ahead: letters typed in quick succession name the row to go to.
  const typed = useRef({ text: '', at: 0 });
  function typeAhead(key: string): void {
    const now = performance.now();
    typed.current = { text: (now - typed.current.at < 700 ? typed.current.text : '') + key.toLowerCase(), at: now };
    const { text } = typed.current;
    // A fresh first letter looks from the row after the current one; a longer prefix may stay on it.
    const from = text.length === 1 ? stop + 1 : stop;
    for (let step = 0; step < rows.length; step++) {
      const index = (from + step) % rows.length;
      if (rows[index]!.entry.name.toLowerCase().startsWith(text)) return moveTo(index);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey || rows.length === 0) return;
    if (event.key.length === 1 && event.key !== ' ' && event.key !== '*') {
      event.preventDefault();
      typeAhead(event.key);
      return;
    }
    const index = stop;
    const row = rows[index]!;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? TREE_ROW_HEIGHT * 10) / TREE_ROW_HEIGHT) - 1);
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(Math.min(rows.length - 1, index + 1));
        break;
      case 'ArrowUp':
        moveTo(Math.max(0, index - 1));
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(rows.length - 1);
        break;
      case 'PageDown':
        moveTo(Math.min(rows.length - 1, index + page));
        break;
      case 'PageUp':
        moveTo(Math.max(0, index - page));
        break;
      case 'ArrowRight':
        if (row.expandable && !row.expanded) onToggle(row.entry.path, true);
        else if (row.expanded) moveTo(index + 1);
        break;
      case 'ArrowLeft':
        if (row.expanded || row.folder) onToggle(row.entry.path, false);
        else if (row.depth > 0) moveTo(indexOf.get(parentPath(row.entry.path)) ?? index);
        break;
      case 'Enter':
      case ' ':
        setCurrentPath(row.entry.path);
        onSelect(row.entry);
        break;
      default:
        handled = false;
    }
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  const items = virtualizer.getVirtualItems();
  return (
    <div className="file-tree-scroll" ref={scrollRef}>
      <div
        role="tree"
        aria-label={label}
        className="file-tree"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
        // A row focused by the mouse (its triangle clicked, say) is where the keys go on from.
        onFocus={(event) => {
          const path = (event.target as HTMLElement).dataset.path;
          if (path !== undefined && path !== currentPath) setCurrentPath(path);
        }}
      >
        {items.map((item) => {
          const row = rows[item.index]!;
          return (
            <FileTreeRow
              key={item.key}
              row={row}
              start={item.start}
              selected={row.entry.path === selectedPath}
              current={item.index === stop}
              onPick={pick}
              onToggle={toggle}
              layerView={layerView}
              imageId={imageId}
            />
          );
        })}
      </div>
    </div>
  );
}
