// A row's context menu: the shell's native menu when it has one (Electron), else the page's own (RowMenu), built
// from the one action list (row-actions.ts) for the rows it acts on.
import { useCallback, useRef, useState } from 'react';
import type { ImageSummary } from '../../../../shared/api';
import { getBridge } from '../../bridge/index';
import type { RowMenuState } from './RowMenu';
import { menuTargets, rowMenuItems, runRowAction } from './row-actions';

interface RowMenuOptions {
  visible: readonly ImageSummary[];
  keys: readonly string[];
  offline: boolean;
  rowElement(key: string | undefined): HTMLElement | null;
  setCurrentKey(key: string): void;
}

export function useRowMenu({ visible, keys, offline, rowElement, setCurrentKey }: RowMenuOptions) {
  const [menu, setMenu] = useState<RowMenuState | null>(null);
  /** A menu is being asked of the shell: a second request (see below) is dropped. */
  const pending = useRef(false);
  /**
   * When the keyboard last opened a menu. The menu key and Shift+F10 may also make the browser fire `contextmenu` at
   * the focused row a moment later; that one must not open the menu again at another place.
   */
  const keyboardAt = useRef(-Infinity);

  const openMenu = useCallback(
    async (index: number, at: { x: number; y: number }) => {
      const image = visible[index];
      if (!image || pending.current) return;
      const returnFocus = rowElement(keys[index]);
      setCurrentKey(keys[index]!);
      returnFocus?.focus({ preventScroll: true });
      const rows = menuTargets(image);
      const items = rowMenuItems(rows, offline);
      pending.current = true;
      try {
        const shown = await getBridge().showContextMenu({ items, x: at.x, y: at.y });
        if (shown.native) {
          if (shown.chosen !== null) runRowAction(shown.chosen, rows);
          return;
        }
      } catch (err) {
        console.error('Berth: the native context menu failed; using the page’s own', err);
      } finally {
        pending.current = false;
      }
      setMenu({ rows, items, x: at.x, y: at.y, returnFocus });
    },
    [visible, keys, offline, rowElement, setCurrentKey],
  );

  /** A right-click (the browser's contextmenu event) on row `index`. */
  const onMenu = useCallback(
    (index: number, at: { x: number; y: number }) => {
      if (performance.now() - keyboardAt.current > 500) void openMenu(index, at);
    },
    [openMenu],
  );

  /** The menu key or Shift+F10 on `row`: the menu opens under the row's start. */
  const openMenuFromKeyboard = useCallback(
    (index: number, row: HTMLElement) => {
      keyboardAt.current = performance.now();
      const box = row.getBoundingClientRect();
      void openMenu(index, { x: box.left + 24, y: box.bottom });
    },
    [openMenu],
  );

  const closeMenu = useCallback(() => setMenu(null), []);
  return { menu, closeMenu, onMenu, openMenuFromKeyboard };
}
