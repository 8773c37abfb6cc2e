// A title computed when the pointer first reaches the element rather than at render. Formatting an exact date or
// a grouped byte count first loads the locale's ICU data (about 13 ms each on this machine); fifty table rows
// rendered for the first screen should not pay that before the user has hovered over anything.
import type { PointerEvent } from 'react';

export function hoverTitle(compute: () => string): { onPointerEnter(event: PointerEvent<HTMLElement>): void } {
  return {
    onPointerEnter(event) {
      event.currentTarget.title = compute();
    },
  };
}
