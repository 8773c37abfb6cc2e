// What a key does in the Images grid, as data: the grid is one Tab stop with a roving current row, and the keys
// follow the WAI-ARIA grid pattern and file managers. Pure, so the whole keyboard map is tested without a page.

export interface GridKey {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** How a move changes the selection: follow the current row, extend from the anchor, or leave it (Ctrl/Cmd). */
export type MoveSelect = 'single' | 'range' | 'none';

export type GridCommand =
  | { kind: 'move'; to: number; select: MoveSelect }
  | { kind: 'toggle' }
  | { kind: 'open' }
  | { kind: 'remove' }
  | { kind: 'menu' }
  | { kind: 'select-all' }
  /** ArrowRight: into the current row's action buttons. */
  | { kind: 'actions' };

/**
 * The command for `event` with the current row at `at` (-1: none yet) of `count` rows, `pageRows` of them in view.
 * Null: not the grid's key (let the page or the browser have it).
 */
export function gridCommand(event: GridKey, at: number, count: number, pageRows: number): GridCommand | null {
  if (count === 0 || event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  const select: MoveSelect = event.shiftKey ? 'range' : mod ? 'none' : 'single';
  const move = (to: number): GridCommand => ({ kind: 'move', to: Math.max(0, Math.min(count - 1, to)), select });
  const page = Math.max(1, pageRows);
  switch (event.key) {
    case 'ArrowDown':
      return move(at < 0 ? 0 : at + 1);
    case 'ArrowUp':
      return move(at < 0 ? 0 : at - 1);
    case 'Home':
      return move(0);
    case 'End':
      return move(count - 1);
    case 'PageDown':
      return move(at < 0 ? page : at + page);
    case 'PageUp':
      return move(at - page);
    case ' ':
      if (at < 0) return move(0);
      return event.shiftKey ? { kind: 'move', to: at, select: 'range' } : { kind: 'toggle' };
    case 'Enter':
      return at < 0 || mod || event.shiftKey ? null : { kind: 'open' };
    case 'Delete':
      return at < 0 ? null : { kind: 'remove' };
    case 'Backspace':
      return at >= 0 && event.metaKey ? { kind: 'remove' } : null; // macOS: Cmd+Backspace, as Finder
    case 'ContextMenu':
      return at < 0 ? null : { kind: 'menu' };
    case 'F10':
      return at >= 0 && event.shiftKey && !mod ? { kind: 'menu' } : null;
    case 'ArrowRight':
      return at < 0 || mod || event.shiftKey ? null : { kind: 'actions' };
    default:
      return mod && !event.shiftKey && event.key.toLowerCase() === 'a' ? { kind: 'select-all' } : null;
  }
}

/** Rows a PageUp/PageDown moves: one less than fit, so the row you were on stays in view for context. */
export function pageRowsIn(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}
