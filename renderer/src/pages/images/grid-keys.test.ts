import { describe, expect, it } from 'vitest';
import { gridCommand, pageRowsIn, type GridKey } from './grid-keys';

const key = (name: string, mods: Partial<GridKey> = {}): GridKey => ({ key: name, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });
const at = (name: string, row: number, mods: Partial<GridKey> = {}, count = 100, page = 10) => gridCommand(key(name, mods), row, count, page);

describe('grid keys', () => {
  it('moves the current row and selects it with plain arrows, Home/End and by pages, clamped to the list', () => {
    expect(at('ArrowDown', 4)).toEqual({ kind: 'move', to: 5, select: 'single' });
    expect(at('ArrowUp', 4)).toEqual({ kind: 'move', to: 3, select: 'single' });
    expect(at('ArrowUp', 0)).toEqual({ kind: 'move', to: 0, select: 'single' });
    expect(at('ArrowDown', 99)).toEqual({ kind: 'move', to: 99, select: 'single' });
    expect(at('Home', 50)).toEqual({ kind: 'move', to: 0, select: 'single' });
    expect(at('End', 50)).toEqual({ kind: 'move', to: 99, select: 'single' });
    expect(at('PageDown', 50)).toEqual({ kind: 'move', to: 60, select: 'single' });
    expect(at('PageUp', 50)).toEqual({ kind: 'move', to: 40, select: 'single' });
    expect(at('PageDown', 95)).toEqual({ kind: 'move', to: 99, select: 'single' });
    expect(at('PageUp', 3)).toEqual({ kind: 'move', to: 0, select: 'single' });
  });

  it('starts at the first row when no row is current yet', () => {
    expect(at('ArrowDown', -1)).toEqual({ kind: 'move', to: 0, select: 'single' });
    expect(at('ArrowUp', -1)).toEqual({ kind: 'move', to: 0, select: 'single' });
    expect(at(' ', -1)).toEqual({ kind: 'move', to: 0, select: 'single' });
    for (const name of ['Enter', 'Delete', 'ContextMenu', 'ArrowRight']) expect(at(name, -1), name).toBeNull();
  });

  it('extends the selection from the anchor with Shift, and moves without selecting with Ctrl/Cmd', () => {
    expect(at('ArrowDown', 4, { shiftKey: true })).toEqual({ kind: 'move', to: 5, select: 'range' });
    expect(at('End', 4, { shiftKey: true })).toEqual({ kind: 'move', to: 99, select: 'range' });
    expect(at('Home', 4, { shiftKey: true })).toEqual({ kind: 'move', to: 0, select: 'range' });
    expect(at('PageDown', 4, { shiftKey: true })).toEqual({ kind: 'move', to: 14, select: 'range' });
    expect(at('ArrowDown', 4, { ctrlKey: true })).toEqual({ kind: 'move', to: 5, select: 'none' });
    expect(at('ArrowUp', 4, { metaKey: true })).toEqual({ kind: 'move', to: 3, select: 'none' });
  });

  it('toggles with Space, extends to the current row with Shift+Space', () => {
    expect(at(' ', 7)).toEqual({ kind: 'toggle' });
    expect(at(' ', 7, { ctrlKey: true })).toEqual({ kind: 'toggle' });
    expect(at(' ', 7, { shiftKey: true })).toEqual({ kind: 'move', to: 7, select: 'range' });
  });

  it('opens with Enter, removes with Delete or Cmd+Backspace, and opens the menu with the menu key or Shift+F10', () => {
    expect(at('Enter', 2)).toEqual({ kind: 'open' });
    expect(at('Enter', 2, { ctrlKey: true })).toBeNull();
    expect(at('Delete', 2)).toEqual({ kind: 'remove' });
    expect(at('Backspace', 2, { metaKey: true })).toEqual({ kind: 'remove' });
    expect(at('Backspace', 2)).toBeNull();
    expect(at('ContextMenu', 2)).toEqual({ kind: 'menu' });
    expect(at('F10', 2, { shiftKey: true })).toEqual({ kind: 'menu' });
    expect(at('F10', 2)).toBeNull();
    expect(at('ArrowRight', 2)).toEqual({ kind: 'actions' });
  });

  it('selects all with Ctrl/Cmd+A, and leaves other keys, Alt chords and empty lists to the page', () => {
    expect(at('a', 2, { ctrlKey: true })).toEqual({ kind: 'select-all' });
    expect(at('A', -1, { metaKey: true })).toEqual({ kind: 'select-all' });
    expect(at('a', 2)).toBeNull();
    expect(at('Tab', 2)).toBeNull();
    expect(at('Escape', 2)).toBeNull();
    expect(at('ArrowLeft', 2, { altKey: true })).toBeNull();
    expect(at('ArrowDown', 2, { altKey: true })).toBeNull();
    expect(gridCommand(key('ArrowDown'), -1, 0, 10)).toBeNull();
  });

  it('pages by the rows in view less one', () => {
    expect(pageRowsIn(520, 26)).toBe(19);
    expect(pageRowsIn(30, 26)).toBe(1);
    expect(pageRowsIn(0, 26)).toBe(1);
  });
});
