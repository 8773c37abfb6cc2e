import type { BrowserWindow, MenuItemConstructorOptions, PopupOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { checkContextMenuRequest, popupContextMenu, type MenuFactory } from './context-menu.js';

/** Electron's Menu as far as context-menu.ts uses it; `user` plays the person in front of the menu. */
function fakeMenus(user: (template: MenuItemConstructorOptions[], options: PopupOptions) => void) {
  const shown: Array<{ template: MenuItemConstructorOptions[]; options: PopupOptions }> = [];
  const menus: MenuFactory = {
    buildFromTemplate: (template) => ({
      popup: (options = {}) => {
        shown.push({ template, options });
        user(template, options);
      },
    }),
  };
  return { menus, shown };
}

const window = { id: 1, webContents: { getZoomFactor: () => 1 } } as unknown as BrowserWindow;
const click = (item: MenuItemConstructorOptions) => (item.click as () => void)();

describe('native context menu', () => {
  it('builds the entries with separators and disabled states, and answers the chosen id', async () => {
    const { menus, shown } = fakeMenus((template, options) => {
      // Electron may report the close before the click (electron#19431): the choice must still win.
      options.callback?.();
      setTimeout(() => click(template.find((item) => item.label === 'Tag…')!), 10);
    });
    const request = checkContextMenuRequest({
      items: [{ id: 'copy', label: 'Copy reference' }, { id: 'tag', label: 'Tag…' }, { id: 'rm', label: 'Remove 3 images…', separatorBefore: true, enabled: false }],
      x: 12.6,
      y: 40,
    });
    await expect(popupContextMenu(menus, window, request)).resolves.toBe('tag');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.options).toMatchObject({ window, x: 13, y: 40 });
    expect(shown[0]!.template.map(({ type, label, enabled }) => ({ type, label, enabled }))).toEqual([
      { type: undefined, label: 'Copy reference', enabled: true },
      { type: undefined, label: 'Tag…', enabled: true },
      { type: 'separator', label: undefined, enabled: undefined },
      { type: undefined, label: 'Remove 3 images…', enabled: false },
    ]);
  });

  it('answers null when the menu is dismissed, and a later stray click changes nothing', async () => {
    const { menus } = fakeMenus((_template, options) => options.callback?.());
    await expect(popupContextMenu(menus, window, checkContextMenuRequest({ items: [{ id: 'a', label: 'A' }] }))).resolves.toBeNull();
  });

  it('turns the page\'s CSS pixels into the window\'s at the page\'s zoom', async () => {
    const { menus, shown } = fakeMenus((_template, options) => options.callback?.());
    const zoomed = { id: 2, webContents: { getZoomFactor: () => 1.25 } } as unknown as BrowserWindow;
    await popupContextMenu(menus, zoomed, checkContextMenuRequest({ items: [{ id: 'a', label: 'A' }], x: 100, y: 41 }));
    expect(shown[0]!.options).toMatchObject({ window: zoomed, x: 125, y: 51 });
  });

  it('opens at the pointer when the page gives no position, and escapes mnemonic ampersands', async () => {
    const { menus, shown } = fakeMenus((template) => click(template[0]!));
    await expect(popupContextMenu(menus, window, checkContextMenuRequest({ items: [{ id: 'a', label: 'Save & close' }] }))).resolves.toBe('a');
    expect(shown[0]!.options).not.toHaveProperty('x');
    expect(shown[0]!.template[0]!.label).toBe('Save && close');
  });

  it('refuses requests that are not a short list of plain entries', () => {
    for (const bad of [
      null,
      'copy',
      { items: [] },
      { items: 'rm' },
      { items: [{ id: '', label: 'x' }] },
      { items: [{ id: 'a' }] },
      { items: [{ id: 'a', label: 'A', enabled: 'yes' }] },
      { items: [{ id: 'a', label: 'A', click: 'x' }], x: -1, y: 0 },
      { items: [{ id: 'a', label: 'A' }], x: Number.NaN, y: 0 },
      { items: [{ id: 'a', label: 'A' }], x: 5 },
      { items: Array.from({ length: 51 }, (_, i) => ({ id: `i${i}`, label: 'x' })) },
    ]) {
      expect(() => checkContextMenuRequest(bad), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
    // Unknown fields are dropped, not passed on to Electron.
    expect(checkContextMenuRequest({ items: [{ id: 'a', label: 'A', role: 'quit' }] })).toEqual({ items: [{ id: 'a', label: 'A', enabled: true, separatorBefore: false }] });
  });
});
