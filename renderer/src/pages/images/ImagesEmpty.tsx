// What the table shows when there is nothing to list: an empty store, or a filter that matches nothing.
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { useAppStore } from '../../state/store';

export function ImagesEmpty({ storeEmpty }: { storeEmpty: boolean }) {
  const { filter, filterError, setFilter, showDangling, setShowDangling } = useAppStore(
    useShallow((state) => ({
      filter: state.filter,
      filterError: state.filterError,
      setFilter: state.setFilter,
      showDangling: state.showDangling,
      setShowDangling: state.setShowDangling,
    })),
  );
  if (storeEmpty) {
    return (
      <div className="empty">
        <Icon name="box" size={40} />
        <h2>No images yet</h2>
        <p>
          Drop a root filesystem tarball anywhere in this window, or choose <strong>Import…</strong> above.
        </p>
        <p className="empty-hint">
          Images you add from the command line (<code>berth import</code>) appear here as soon as they land.
        </p>
      </div>
    );
  }
  return (
    <div className="empty">
      <Icon name="search" size={32} />
      <h2>{filterError ? 'The filter cannot be used' : 'No images match'}</h2>
      <p>
        {filterError ? (
          filterError
        ) : filter ? (
          <>Nothing matches “{filter}”{showDangling ? '' : ' among tagged images'}.</>
        ) : (
          'Every image here is dangling, and dangling images are hidden.'
        )}
      </p>
      <div className="empty-actions">
        {filter && (
          <button type="button" className="button" onClick={() => setFilter('')}>
            Clear filter
          </button>
        )}
        {!showDangling && (
          <button type="button" className="button" onClick={() => setShowDangling(true)}>
            Show dangling images
          </button>
        )}
      </div>
    </div>
  );
}
