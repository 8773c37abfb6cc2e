// The in-page context menu of Images rows (the browser shell; Electron shows the same entries natively).
import type { ImageSummary } from '../../../../shared/api';
import type { ContextMenuItem } from '../../bridge/index';
import { ContextMenu } from '../../components/ContextMenu';
import { displayName } from '../../state/rows';
import { ROW_ACTIONS, runRowAction } from './row-actions';

export interface RowMenuState {
  rows: ImageSummary[];
  items: ContextMenuItem[];
  x: number;
  y: number;
  returnFocus: HTMLElement | null;
}

export function RowMenu({ menu, onClose }: { menu: RowMenuState; onClose(): void }) {
  const items = menu.items.map((item) => {
    const action = ROW_ACTIONS.find((candidate) => candidate.id === item.id);
    return { ...item, ...(action ? { icon: action.icon, danger: action.danger ?? false } : {}) };
  });
  const label = menu.rows.length === 1 ? `Actions for ${displayName(menu.rows[0]!)}` : `Actions for ${menu.rows.length} images`;
  return (
    <ContextMenu
      items={items}
      x={menu.x}
      y={menu.y}
      label={label}
      returnFocus={menu.returnFocus}
      onClose={onClose}
      onChoose={(id) => runRowAction(id, menu.rows)}
    />
  );
}
