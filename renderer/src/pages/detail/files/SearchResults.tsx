// The search's matches as a flat list of paths (a listbox, virtualised like the tree): Up/Down move, Enter or a
// click selects one, whose details show below; "Show in tree" there opens its folders.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ImageFileEntry } from '../../../../../shared/api';
import { humanSize } from '../../../../../shared/format';
import { ChangeMark } from './ChangeMark';
import { FileKindIcon } from './FileKindIcon';
import { TREE_ROW_HEIGHT } from './FileTreeRow';
import { parentPath } from './tree-rows';
import { SEARCH_LIMIT, type SearchState } from './useFileSearch';

interface SearchResultsProps {
  search: SearchState;
  selectedPath: string | null;
  onSelect(entry: ImageFileEntry): void;
}

export function SearchResults({ search, selectedPath, onSelect }: SearchResultsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const matches = search.result?.matches ?? [];
  const [current, setCurrent] = useState(0);
  const stop = Math.min(current, Math.max(0, matches.length - 1));
  const focusPending = useRef(false);
  const virtualizer = useVirtualizer({ count: matches.length, getScrollElement: () => scrollRef.current, estimateSize: () => TREE_ROW_HEIGHT, overscan: 12 });

  useLayoutEffect(() => {
    if (!focusPending.current) return;
    const element = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${stop}"]`);
    if (element) {
      focusPending.current = false;
      element.focus({ preventScroll: true });
    }
  });

  function move(index: number) {
    setCurrent(index);
    focusPending.current = true;
    virtualizer.scrollToIndex(index, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const last = matches.length - 1;
    const next =
      event.key === 'ArrowDown' ? Math.min(last, stop + 1)
      : event.key === 'ArrowUp' ? Math.max(0, stop - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : -1;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      event.stopPropagation();
      if (matches[stop]) onSelect(matches[stop]);
      return;
    }
    if (next < 0 || last < 0) return;
    event.preventDefault();
    move(next);
  }

  const count = search.result ? (search.result.truncated ? `The first ${SEARCH_LIMIT.toLocaleString()} matches: there are more, narrow the search` : `${matches.length.toLocaleString()} ${matches.length === 1 ? 'match' : 'matches'}`) : '';
  return (
    <div className="file-search-results">
      <p className={`file-search-summary small${search.result?.truncated ? ' truncated' : ''}`} role="status">
        {search.error ? <span className="file-error">Could not search: {search.error}</span> : search.pending ? 'Searching…' : count}
      </p>
      {search.result && matches.length === 0 && !search.pending && <p className="muted file-search-none">Nothing matches “{search.pattern}”.</p>}
      <div className="file-tree-scroll" ref={scrollRef}>
        <div role="listbox" aria-label="Search results" className="file-tree" style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = matches[item.index]!;
            const selected = entry.path === selectedPath;
            return (
              <div
                key={entry.path}
                role="option"
                aria-label={entry.change ? `${entry.path} (${entry.change})` : entry.path}
                data-index={item.index}
                aria-selected={selected}
                tabIndex={item.index === stop ? 0 : -1}
                className={`file-row file-match${selected ? ' selected' : ''}${entry.change ? ` changed change-row-${entry.change}` : ''}`}
                style={{ transform: `translateY(${item.start}px)` }}
                onClick={() => {
                  setCurrent(item.index);
                  onSelect(entry);
                }}
              >
                <span className="file-name-cell">
                  {entry.change && <ChangeMark change={entry.change} />}
                  <FileKindIcon kind={entry.kind} />
                  <span className="file-name" title={entry.path}>
                    {entry.name}
                  </span>
                  <span className="file-match-folder muted" title={entry.path}>
                    <bdi>{parentPath(entry.path)}</bdi>
                  </span>
                </span>
                <span className="file-size num">{entry.kind === 'dir' || entry.kind === 'file' ? humanSize(entry.size) : ''}</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
