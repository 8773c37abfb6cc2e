// The page's context menus as native menus: the page sends plain entries (id, label, enabled), main builds the
// menu, pops it up over our window and answers the chosen id, or null when the user dismissed it. The entries'
// actions stay in the page; main only shows words and reports a choice, so a page cannot make main run anything.
import type { BrowserWindow, MenuItemConstructorOptions, PopupOptions } from 'electron';
import { BerthError } from '../../shared/errors.js';
import type { ContextMenuItem, ContextMenuRequest } from '../../shared/preload-api.js';

/** Electron's `Menu`, or a stand-in in tests. */
export interface MenuFactory {
  buildFromTemplate(template: MenuItemConstructorOptions[]): { popup(options?: PopupOptions): void };
}

const MAX_ITEMS = 50;
const MAX_TEXT = 200;

/** Refuses anything but a short list of plain entries: the request comes from a page. */
export function checkContextMenuRequest(value: unknown): ContextMenuRequest {
  const bad = (why: string) => new BerthError('INVALID_ARGUMENT', `context menu: ${why}`);
  if (typeof value !== 'object' || value === null) throw bad('expected {items, x?, y?}');
  const { items, x, y } = value as Record<string, unknown>;
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ITEMS) throw bad(`expected 1 to ${MAX_ITEMS} items`);
  const checked: ContextMenuItem[] = items.map((item: unknown) => {
    if (typeof item !== 'object' || item === null) throw bad('an item is not an object');
    const { id, label, enabled, separatorBefore } = item as Record<string, unknown>;
    if (typeof id !== 'string' || id.length === 0 || id.length > MAX_TEXT) throw bad('an item has no id');
    if (typeof label !== 'string' || label.length === 0 || label.length > MAX_TEXT) throw bad(`item ${id} has no label`);
    if (enabled !== undefined && typeof enabled !== 'boolean') throw bad(`item ${id}: enabled must be a boolean`);
    if (separatorBefore !== undefined && typeof separatorBefore !== 'boolean') throw bad(`item ${id}: separatorBefore must be a boolean`);
    return { id, label, enabled: enabled ?? true, separatorBefore: separatorBefore ?? false };
  });
  const coordinate = (n: unknown, name: string) => {
    if (n === undefined) return undefined;
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 100_000) throw bad(`${name} must be a position in the window`);
    return n;
  };
  const at = { x: coordinate(x, 'x'), y: coordinate(y, 'y') };
  if ((at.x === undefined) !== (at.y === undefined)) throw bad('x and y go together');
  return { items: checked, ...(at.x !== undefined && at.y !== undefined ? at : {}) };
}

/**
 * How long a dismissal waits for a click. Electron calls the popup's close callback before the chosen item's click on
 * some platforms (electron#19431), so "closed" alone does not yet mean "nothing chosen".
 */
const CLICK_GRACE_MS = 100;

export function popupContextMenu(menus: MenuFactory, window: BrowserWindow, request: ContextMenuRequest): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (chosen: string | null) => {
      if (settled) return;
      settled = true;
      resolve(chosen);
    };
    const template: MenuItemConstructorOptions[] = request.items.flatMap((item): MenuItemConstructorOptions[] => [
      ...(item.separatorBefore ? [{ type: 'separator' as const }] : []),
      {
        // On Windows and Linux `&` marks a mnemonic; image names have none, but a label is shown as given.
        label: item.label.replaceAll('&', '&&'),
        enabled: item.enabled !== false,
        click: () => settle(item.id),
      },
    ]);
    // The page speaks CSS pixels; popup() takes the window's own, which differ by the page's zoom.
    const zoom = window.webContents?.getZoomFactor?.() ?? 1;
    menus.buildFromTemplate(template).popup({
      window,
      ...(request.x !== undefined && request.y !== undefined ? { x: Math.round(request.x * zoom), y: Math.round(request.y * zoom) } : {}),
      callback: () => setTimeout(() => settle(null), CLICK_GRACE_MS),
    });
  });
}
