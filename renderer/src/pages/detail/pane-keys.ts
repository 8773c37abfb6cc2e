// The Images page listens for Enter on the window (open the selected row) and cancels its default. Inside the pane,
// Enter belongs to the focused control (a copy button, a fold chevron, "Show all"): keep it from reaching the page.
import type { KeyboardEvent } from 'react';

const CONTROLS = 'button, a[href], input, select, textarea, summary';

export function keepEnterInPane(event: KeyboardEvent): void {
  if (event.key === 'Enter' && event.target instanceof Element && event.target.closest(CONTROLS)) event.stopPropagation();
}
