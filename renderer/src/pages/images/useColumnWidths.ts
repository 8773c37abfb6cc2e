// The content widths of the name columns, from one ResizeObserver on the header's cells: every row's MiddleTruncate
// reads them from context instead of measuring its own cell, so scrolling adds no layout reads.
import { useLayoutEffect, useState, type RefObject } from 'react';

const MEASURED = ['repository', 'tag'] as const;

export function useColumnWidths(gridRef: RefObject<HTMLElement | null>, ready: boolean): Readonly<Record<string, number>> {
  const [widths, setWidths] = useState<Readonly<Record<string, number>>>({});
  useLayoutEffect(() => {
    const grid = gridRef.current;
    if (!ready || !grid) return;
    const cells = new Map<Element, string>();
    for (const column of MEASURED) {
      const cell = grid.querySelector(`.grid-header .cell-${column}`);
      if (cell) cells.set(cell, column);
    }
    const observer = new ResizeObserver((entries) => {
      setWidths((previous) => {
        let next = previous;
        for (const entry of entries) {
          const column = cells.get(entry.target);
          const width = Math.floor(entry.contentRect.width);
          if (column && previous[column] !== width) next = { ...next, [column]: width };
        }
        return next;
      });
    });
    for (const cell of cells.keys()) observer.observe(cell);
    return () => observer.disconnect();
  }, [gridRef, ready]);
  return widths;
}
