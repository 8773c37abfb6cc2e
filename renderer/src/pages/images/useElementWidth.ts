// An element's current width, kept up to date as the window or its neighbours change size — while `active`.
// Measuring forces a layout of the window; at start (no pane open, nothing depends on the width) that layout would
// land in the middle of the first render of 50 rows and be paid twice, so an inactive caller measures nothing.
import { useLayoutEffect, useState, type RefObject } from 'react';

export function useElementWidth(ref: RefObject<HTMLElement | null>, active = true): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || !active) return;
    // Measured before the first paint, so a narrow window never flashes the pane beside the table.
    setWidth(element.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, active]);
  return width;
}
