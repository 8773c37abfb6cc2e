// The in-page context menu, for shells without native menus (the browser): the WAI-ARIA menu pattern — focus on
// the first entry, arrows wrap, Home/End, a letter jumps to the next entry starting with it, Escape or Tab closes
// and gives focus back; a click outside, a scroll or a resize closes it; it is kept inside the viewport.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { ContextMenuItem } from '../bridge/index';
import { Icon, type IconName } from './Icon';

export interface ContextMenuProps {
  items: readonly (ContextMenuItem & { icon?: IconName; danger?: boolean })[];
  /** Where it was asked for, in viewport pixels: the pointer, or the current row for the keyboard. */
  x: number;
  y: number;
  label: string;
  /** Gets focus back when the menu closes, before a chosen entry runs (so a dialog it opens returns there too). */
  returnFocus: HTMLElement | null;
  onChoose(id: string): void;
  onClose(): void;
}

const EDGE = 4;

export function ContextMenu({ items, x, y, label, returnFocus, onChoose, onClose }: ContextMenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x, top: y, ready: false });

  function close(chosen?: string) {
    onClose();
    returnFocus?.focus({ preventScroll: true });
    if (chosen !== undefined) onChoose(chosen);
  }
  const closeRef = useRef(close);
  closeRef.current = close;

  // Measured once before paint: flipped left or up when it would cross the viewport's right or bottom edge.
  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    const left = x + width + EDGE > window.innerWidth ? Math.max(EDGE, x - width) : x;
    const top = y + height + EDGE > window.innerHeight ? Math.max(EDGE, window.innerHeight - height - EDGE) : y;
    setPosition({ left, top, ready: true });
  }, [x, y]);

  // Once placed and visible (a hidden element cannot take focus): the first entry, as the menu pattern has it.
  useEffect(() => {
    if (position.ready && ref.current) menuItems(ref.current)[0]?.focus({ preventScroll: true });
  }, [position.ready]);

  useEffect(() => {
    const outside = (event: Event) => {
      if (!ref.current?.contains(event.target as Node)) closeRef.current();
    };
    const dismiss = () => closeRef.current();
    // Capture: a pointerdown on the grid or a button must close the menu before that element reacts.
    document.addEventListener('pointerdown', outside, true);
    document.addEventListener('scroll', dismiss, true);
    window.addEventListener('resize', dismiss);
    window.addEventListener('blur', dismiss);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      document.removeEventListener('scroll', dismiss, true);
      window.removeEventListener('resize', dismiss);
      window.removeEventListener('blur', dismiss);
    };
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const entries = menuItems(event.currentTarget);
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const go = (index: number) => entries[(index + entries.length) % entries.length]?.focus();
    let handled = true;
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at < 0 ? -1 : at - 1);
    else if (event.key === 'Home' || event.key === 'PageUp') go(0);
    else if (event.key === 'End' || event.key === 'PageDown') go(-1);
    else if (event.key === 'Escape' || event.key === 'Tab' || (event.key === 'F10' && event.shiftKey) || event.key === 'ContextMenu') close();
    else if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const letter = event.key.toLowerCase();
      const order = [...entries.slice(at + 1), ...entries.slice(0, at + 1)];
      order.find((entry) => entry.textContent?.trim().toLowerCase().startsWith(letter))?.focus();
    } else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  return createPortal(
    <div
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: position.left, top: position.top, visibility: position.ready ? 'visible' : 'hidden' }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
    >
      {items.map((item) => (
        <div key={item.id} role="none">
          {item.separatorBefore && <div className="context-menu-separator" role="separator" />}
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className={item.danger ? 'context-menu-item danger' : 'context-menu-item'}
            aria-disabled={item.enabled === false || undefined}
            onClick={() => {
              if (item.enabled !== false) close(item.id);
            }}
            onMouseEnter={(event) => event.currentTarget.focus({ preventScroll: true })}
          >
            {item.icon ? <Icon name={item.icon} size={14} /> : <span className="icon-space" />}
            {item.label}
          </button>
        </div>
      ))}
    </div>,
    document.body,
  );
}

function menuItems(menu: HTMLElement): HTMLElement[] {
  return [...menu.querySelectorAll<HTMLElement>('[role=menuitem]')];
}
