// Column headers; a click sorts by the column, again reverses it.
import { useShallow } from 'zustand/react/shallow';
import type { SortColumn } from '../../state/rows';
import { useAppStore } from '../../state/store';

const COLUMNS: Array<{ column: SortColumn; label: string }> = [
  { column: 'repository', label: 'REPOSITORY' },
  { column: 'tag', label: 'TAG' },
  { column: 'id', label: 'IMAGE ID' },
  { column: 'created', label: 'CREATED' },
  { column: 'size', label: 'SIZE' },
];

export function TableHeader() {
  const { sort, toggleSort } = useAppStore(useShallow((state) => ({ sort: state.sort, toggleSort: state.toggleSort })));
  return (
    <div className="grid-header" role="row" aria-rowindex={1}>
      {COLUMNS.map(({ column, label }) => {
        const active = sort.column === column;
        const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
        return (
          <div key={column} role="columnheader" aria-sort={ariaSort} className={`cell cell-${column}`}>
            <button type="button" className="sort-button" onClick={() => toggleSort(column)}>
              {label}
              <span className="sort-mark" aria-hidden="true">
                {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
              </span>
            </button>
          </div>
        );
      })}
    </div>
  );
}
