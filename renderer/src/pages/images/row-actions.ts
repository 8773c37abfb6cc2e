// The one list of what can be done to Images rows. The row's hover/focus buttons, the in-page context menu and
// Electron's native menu are all drawn from ROW_ACTIONS, so Pull, Push or Save later is one more entry here.
import type { ImageSummary } from '../../../../shared/api';
import type { ContextMenuItem } from '../../bridge/index';
import { copyText } from '../../components/clipboard';
import { pullRows } from '../pull/pull-rows';
import { sendRowsToEngine } from '../engine/engine-actions';
import { openCompare } from '../compare/compare-state';
import type { IconName } from '../../components/Icon';
import { displayName, rowKey, rowTarget } from '../../state/rows';
import { selectActionsDisabled, useAppStore } from '../../state/store';

export type RowActionId = 'copy-reference' | 'pull' | 'push' | 'tag' | 'save' | 'remove' | 'new-image' | 'send-to-engine' | 'compare';

export interface RowAction {
  id: RowActionId;
  icon: IconName;
  /** The menu entry for these rows ("Remove 3 images…"). */
  label(rows: readonly ImageSummary[]): string;
  /** The row button's accessible name, which names its row ("Tag alpine:3.19…"). */
  buttonLabel(row: ImageSummary): string;
  /** Whether it changes the store: then it is off while the page cannot reach Berth. */
  changesStore: boolean;
  /** Whether it can act on this many rows at once. */
  acceptsMany: boolean;
  /** Whether it applies to these rows at all (Pull needs a name): otherwise it is shown disabled. */
  appliesTo?(rows: readonly ImageSummary[]): boolean;
  danger?: boolean;
  /** In the menus only, not among the row's hover buttons. */
  menuOnly?: boolean;
  separatorBefore?: boolean;
  run(rows: readonly ImageSummary[]): void;
}

/** What "Copy reference" puts on the clipboard: `repo:tag` as `docker run` takes it, or the ID of a dangling image. */
export function copiedText(row: ImageSummary): string {
  return rowTarget(row);
}

export const ROW_ACTIONS: readonly RowAction[] = [
  {
    id: 'copy-reference',
    icon: 'copy',
    label: (rows) => (rows.length > 1 ? `Copy ${rows.length} references` : rows[0]?.dangling ? 'Copy image ID' : 'Copy reference'),
    buttonLabel: (row) => (row.dangling ? `Copy image ID of ${displayName(row)}` : `Copy ${displayName(row)}`),
    changesStore: false,
    acceptsMany: true,
    run(rows) {
      const { pushToast } = useAppStore.getState();
      const what = rows.length === 1 ? copiedText(rows[0]!) : `${rows.length} references`;
      void copyText(rows.map(copiedText).join('\n')).then(
        () => pushToast({ tone: 'info', message: `Copied ${what}` }),
        () => pushToast({ tone: 'error', message: 'Could not copy to the clipboard' }),
      );
    },
  },
  {
    id: 'pull',
    icon: 'pull',
    label: (rows) => (rows.length > 1 ? `Pull ${rows.length} images` : 'Pull'),
    buttonLabel: (row) => `Pull ${displayName(row)}`,
    changesStore: true,
    acceptsMany: true,
    // A dangling image has no name to ask a registry for.
    appliesTo: (rows) => rows.every((row) => !row.dangling),
    run: pullRows,
  },
  {
    id: 'push',
    icon: 'push',
    label: () => 'Push…',
    buttonLabel: (row) => `Push ${displayName(row)}…`,
    // The store is unchanged (but for a tag the dialog may add first); the registry is what changes.
    changesStore: true,
    acceptsMany: false,
    appliesTo: (rows) => rows.every((row) => !row.dangling),
    run(rows) {
      if (rows.length === 1) useAppStore.getState().openDialog({ kind: 'push', source: rowTarget(rows[0]!) });
    },
  },
  {
    id: 'tag',
    icon: 'tag',
    label: () => 'Tag…',
    buttonLabel: (row) => `Tag ${displayName(row)}…`,
    changesStore: true,
    acceptsMany: false,
    run(rows) {
      if (rows.length === 1) useAppStore.getState().openDialog({ kind: 'tag', source: rowTarget(rows[0]!) });
    },
  },
  {
    id: 'save',
    icon: 'save',
    label: (rows) => (rows.length > 1 ? `Save ${rows.length} images…` : 'Save…'),
    buttonLabel: (row) => `Save ${displayName(row)}…`,
    // Reads the store only, but the file comes from Berth: it needs the connection all the same.
    changesStore: true,
    acceptsMany: true,
    run(rows) {
      useAppStore.getState().openDialog({ kind: 'save', keys: rows.map(rowKey) });
    },
  },
  {
    id: 'new-image',
    icon: 'box',
    label: () => 'New image from…',
    buttonLabel: (row) => `New image from ${displayName(row)}…`,
    changesStore: true,
    acceptsMany: false,
    menuOnly: true,
    run(rows) {
      if (rows.length === 1) useAppStore.getState().openDialog({ kind: 'commit', source: { kind: 'image', reference: rowTarget(rows[0]!) } });
    },
  },
  {
    id: 'send-to-engine',
    icon: 'engine',
    label: (rows) => (rows.length > 1 ? `Send ${rows.length} images to Engine` : 'Send to Engine'),
    buttonLabel: (row) => `Send ${displayName(row)} to Engine`,
    changesStore: true,
    acceptsMany: true,
    menuOnly: true,
    run: (rows) => void sendRowsToEngine(rows.map(rowTarget)),
  },
  {
    id: 'compare',
    icon: 'compare',
    // Two rows: compare them; one: the Compare page asks for the other image.
    label: (rows) => (rows.length === 2 ? 'Compare' : rows.length > 2 ? 'Compare (select two)' : 'Compare with…'),
    buttonLabel: (row) => `Compare ${displayName(row)} with…`,
    changesStore: false,
    acceptsMany: true,
    appliesTo: (rows) => rows.length <= 2,
    menuOnly: true,
    run: (rows) => openCompare(rows[0]!, rows[1] ?? null),
  },
  {
    id: 'remove',
    icon: 'trash',
    label: (rows) => (rows.length > 1 ? `Remove ${rows.length} images…` : 'Remove…'),
    buttonLabel: (row) => `Remove ${displayName(row)}…`,
    changesStore: true,
    acceptsMany: true,
    danger: true,
    separatorBefore: true,
    run(rows) {
      useAppStore.getState().openDialog({ kind: 'remove', keys: rows.map(rowKey) });
    },
  },
];

export function rowActionEnabled(action: RowAction, rows: readonly ImageSummary[], offline: boolean): boolean {
  return rows.length > 0 && (action.acceptsMany || rows.length === 1) && !(offline && action.changesStore) && (action.appliesTo?.(rows) ?? true);
}

/** The context menu's entries for these rows, as the shell's menu takes them. */
export function rowMenuItems(rows: readonly ImageSummary[], offline: boolean): ContextMenuItem[] {
  return ROW_ACTIONS.map((action) => ({
    id: action.id,
    label: action.label(rows),
    enabled: rowActionEnabled(action, rows, offline),
    ...(action.separatorBefore ? { separatorBefore: true } : {}),
  }));
}

/** Runs an entry picked from a menu or a row button; does nothing for an entry that was shown disabled. */
export function runRowAction(id: string, rows: readonly ImageSummary[]): void {
  const action = ROW_ACTIONS.find((candidate) => candidate.id === id);
  const offline = selectActionsDisabled(useAppStore.getState());
  if (action && rowActionEnabled(action, rows, offline)) action.run(rows);
}

/**
 * The rows a menu opened on `row` acts on: the whole selection when the row is part of it (so "Remove 3 images…"),
 * otherwise that row alone, which then becomes the selection, as in a file manager.
 */
export function menuTargets(row: ImageSummary): ImageSummary[] {
  const state = useAppStore.getState();
  const key = rowKey(row);
  if (!state.selection.includes(key)) {
    state.selectRow(key, 'single');
    return [row];
  }
  const chosen = new Set(state.selection);
  return state.visibleImages.filter((image) => chosen.has(rowKey(image)));
}
