// Find in the JSON: Enter / Shift+Enter step through the matches (wrapping), Escape clears, "n of m" says where you are.
import type { RefObject } from 'react';
import { Icon } from '../../../components/Icon';
import { Chevron } from './Chevron';
import { matchCount } from './json-search';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

interface Props {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery(query: string): void;
  current: number;
  count: number;
  onStep(delta: number): void;
}

export function JsonSearchBar({ inputRef, query, onQuery, current, count, onStep }: Props) {
  return (
    <div className="json-search" role="search" aria-label="Search the JSON">
      <span className="json-search-field">
        <Icon name="search" size={14} />
        <input
          ref={inputRef}
          type="search"
          aria-label="Search the JSON"
          aria-keyshortcuts={isMac ? 'Meta+F' : 'Control+F'}
          placeholder={`Search the JSON (${isMac ? '⌘' : 'Ctrl+'}F)`}
          value={query}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => onQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              onStep(event.shiftKey ? -1 : 1);
            } else if (event.key === 'Escape' && query !== '') {
              // Handled here, so the page does not also take Escape to close the pane.
              event.preventDefault();
              onQuery('');
            }
          }}
        />
      </span>
      <span className="json-search-count muted small num" aria-live="polite">
        {matchCount(current, count, query)}
      </span>
      <button type="button" className="icon-button" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={count === 0} onClick={() => onStep(-1)}>
        <Chevron direction="up" />
      </button>
      <button type="button" className="icon-button" aria-label="Next match" title="Next match (Enter)" disabled={count === 0} onClick={() => onStep(1)}>
        <Chevron direction="down" />
      </button>
    </div>
  );
}
