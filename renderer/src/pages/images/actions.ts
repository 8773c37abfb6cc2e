// Actions several Images components trigger.
import { useAppStore } from '../../state/store';
import { rowKey, rowTarget } from '../../state/rows';

/** Opens the inspect pane on the most recently selected row. */
export function openSelectedDetail(): void {
  const state = useAppStore.getState();
  const key = state.selectionAnchor && state.selection.includes(state.selectionAnchor) ? state.selectionAnchor : state.selection[0];
  const image = state.images.find((candidate) => rowKey(candidate) === key);
  if (key && image) state.openDetail(key, rowTarget(image));
}
