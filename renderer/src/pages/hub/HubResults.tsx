// The results column: a virtual list of cards (a page of 100 mounts only what fits), more pages loaded as its end
// scrolls into view, and the friendly states — nothing typed yet, searching, nothing found, offline, rate limited.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Icon } from '../../components/Icon';
import { HubResultCard } from './HubResultCard';
import { HubProblemView } from './HubProblemView';
import { hubProblem } from './hub-words';
import type { HubSearchResult } from '../../../../shared/api';
import type { HubSearchState } from './useHubSearch';

const CARD_HEIGHT = 90;

interface Props {
  search: HubSearchState & { loadMore(): void; retry(): void };
  term: string;
  filtered: boolean;
  selected: string | null;
  onOpen(result: HubSearchResult): void;
  onClearFilters(): void;
}

export function HubResults({ search, term, filtered, selected, onOpen, onClearFilters }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: search.results.length, getScrollElement: () => scroller.current, estimateSize: () => CARD_HEIGHT, overscan: 6 });
  const items = virtual.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;
  const { loadMore, results } = search;

  // The end of the list is near: ask for the next page (loadMore ignores the call when one is out or none is left).
  useEffect(() => {
    if (results.length > 0 && last >= results.length - 8) loadMore();
  }, [last, results.length, loadMore]);

  const shown = (() => {
    if (!term.trim()) {
      return (
        <div className="empty">
          <Icon name="hub" size={40} />
          <h2>Search Docker Hub</h2>
          <p>Find official images and community repositories, browse their tags and platforms, and pull one into Berth.</p>
        </div>
      );
    }
    if (search.error && results.length === 0) return <HubProblemView problem={hubProblem(search.error)} onRetry={search.retry} />;
    if (results.length === 0 && (search.searching || search.term !== term.trim())) {
      return (
        <div className="empty" aria-busy="true">
          <span className="hub-spinner" aria-hidden="true" />
          <p>Searching Docker Hub…</p>
        </div>
      );
    }
    if (results.length === 0) {
      return (
        <div className="empty">
          <Icon name="search" size={36} />
          <h2>No repositories match “{search.term}”</h2>
          {filtered ? (
            <>
              <p>The filters may be hiding matches.</p>
              <div className="empty-actions">
                <button type="button" className="button" onClick={onClearFilters}>
                  Clear filters
                </button>
              </div>
            </>
          ) : (
            <p>Check the spelling, or try a shorter term.</p>
          )}
        </div>
      );
    }
    return null;
  })();

  return (
    <section className="hub-results" aria-label="Search results" aria-busy={search.searching || search.loadingMore}>
      {results.length > 0 && (
        <div className="hub-results-summary muted" role="status">
          {search.numResults.toLocaleString('en-US')} {search.numResults === 1 ? 'repository' : 'repositories'} for “{search.term}”
          {filtered && `, ${results.length} shown by the filters`}
          {search.searching && <span className="hub-spinner hub-spinner-small" aria-label="Updating" />}
        </div>
      )}
      {shown}
      <div ref={scroller} className="hub-results-scroll" hidden={shown !== null}>
        <div role="list" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const result = results[item.index]!;
            return (
              <div key={result.name} role="listitem" className="hub-card-slot" style={{ transform: `translateY(${item.start}px)`, height: CARD_HEIGHT }}>
                <HubResultCard result={result} selected={selected === result.name} onOpen={() => onOpen(result)} />
              </div>
            );
          })}
        </div>
        {search.loadingMore && <div className="hub-more muted">Loading more…</div>}
        {search.error && results.length > 0 && (
          <div className="hub-more" role="alert">
            {hubProblem(search.error).title}.{' '}
            <button type="button" className="button button-small" onClick={search.retry}>
              Retry
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
