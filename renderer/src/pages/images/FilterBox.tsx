// The Images filter box: words narrow by name, tag or ID; `kind=value` filters as `berth images --filter` reads
// them. The hint (what filters exist) shows while the box is focused and empty, or from its "?" button (Escape
// hides it); an error (unknown filter, bad pattern, no such image) shows under the box and in the empty table.
import { useId, useState, type RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { useAppStore } from '../../state/store';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const FILTERS: ReadonlyArray<readonly [string, string]> = [
  ['dangling=true|false', 'only untagged images, or none of them'],
  ['label=KEY[=VALUE]', 'images with that label (several: all of them)'],
  ['reference=PATTERN', 'name[:tag] matching, * and ? within one path part (several: any)'],
  ['before=IMAGE', 'created before that image (name or ID)'],
  ['since=IMAGE', 'created after that image'],
];

export function FilterBox({ filterRef }: { filterRef: RefObject<HTMLInputElement | null> }) {
  const { filter, setFilter, filterError } = useAppStore(
    useShallow((state) => ({ filter: state.filter, setFilter: state.setFilter, filterError: state.filterError })),
  );
  const [focused, setFocused] = useState(false);
  /** Opened or closed by the "?" button or Escape; null: shown while the box is focused and empty. */
  const [helpOpen, setHelpOpen] = useState<boolean | null>(null);
  const hintId = useId();
  const errorId = useId();
  const hintShown = helpOpen ?? (focused && !filter);

  return (
    <div
      className="search"
      onBlur={(event) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
        setHelpOpen(null);
      }}
    >
      <Icon name="search" size={14} />
      <input
        ref={filterRef}
        type="search"
        aria-label="Filter images"
        aria-describedby={filterError ? `${errorId} ${hintId}` : hintId}
        aria-invalid={filterError ? true : undefined}
        // Short enough to show whole in the top bar at 1280 px; the hint lists the filters.
        placeholder={`Name, tag, ID, label=… (${isMac ? '⌘' : 'Ctrl+'}F)`}
        aria-keyshortcuts={isMac ? 'Meta+F' : 'Control+F'}
        value={filter}
        // Only the box's own focus shows the hint by itself: focus on the "?" button must not, or pressing it
        // would open the hint on focus and close it again on click.
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(event) => setFilter(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !(hintShown || filter)) return;
          event.stopPropagation();
          event.preventDefault();
          if (hintShown) setHelpOpen(false);
          else setFilter('');
        }}
        spellCheck={false}
      />
      <button
        type="button"
        className="search-help"
        aria-label="Filter syntax"
        aria-expanded={hintShown}
        aria-controls={`${hintId}-note`}
        title="Filter syntax"
        onClick={() => setHelpOpen(!hintShown)}
      >
        ?
      </button>
      <div className="filter-popover">
        {filterError && (
          <div id={errorId} className="filter-error" role="alert">
            {filterError}
          </div>
        )}
        <div id={`${hintId}-note`} className="filter-hint" role="note" aria-label="Filter syntax" hidden={!hintShown}>
          <div id={hintId}>
            <p>Words narrow by name, tag or ID (all must match). Filters, as <code>berth images --filter</code>:</p>
            <dl>
              {FILTERS.map(([syntax, meaning]) => (
                <div key={syntax}>
                  <dt>
                    <code>{syntax}</code>
                  </dt>
                  <dd>{meaning}</dd>
                </div>
              ))}
            </dl>
            <p>Different filters all apply: <code>label=team=web reference=app*</code>.</p>
          </div>
        </div>
      </div>
    </div>
  );
}
