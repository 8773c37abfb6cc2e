// The one zustand store, and the bridge events that feed it (attached once, at module level).
import { create } from 'zustand';
import { getBridge } from '../bridge/index';
import { createDetailSlice } from './detail-slice';
import { createImagesSlice } from './images-slice';
import { createTasksSlice } from './tasks-slice';
import type { AppState } from './types';
import { createUiSlice } from './ui-slice';
import { createConnectionSlice, selectActionsDisabled } from './connection-slice';
import { createUpdatesSlice } from './updates-slice';
import { scheduleUpdateChecks } from './update-schedule';

export type { AppState } from './types';
export { selectActionsDisabled };

export const useAppStore = create<AppState>()((...a) => ({
  ...createImagesSlice(...a),
  ...createDetailSlice(...a),
  ...createTasksSlice(...a),
  ...createUiSlice(...a),
  ...createConnectionSlice(...a),
  ...createUpdatesSlice(...a),
}));

/** For an action button (or a keyboard shortcut) that changes the store: true while the page cannot reach Berth. */
export function useActionsDisabled(): boolean {
  return useAppStore(selectActionsDisabled);
}

/** Coalesces bursts of store.changed (a CLI loop, a prune) into one reload, well within a second. */
const RELOAD_DEBOUNCE_MS = 120;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;

function scheduleReload(): void {
  if (reloadTimer !== null) clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    reloadTimer = null;
    const state = useAppStore.getState();
    void state.loadImages();
    if (state.detailKey !== null) void state.reloadDetail();
  }, RELOAD_DEBOUNCE_MS);
}

getBridge().onEvent((event) => {
  switch (event.type) {
    case 'task.update':
      useAppStore.getState().applyTaskUpdate(event.task);
      break;
    case 'store.changed':
      scheduleReload();
      break;
  }
});

// Electron's IPC has no connection to lose; berth serve's WebSocket reports its own.
getBridge().onConnection?.((state) => {
  const app = useAppStore.getState();
  const wasLost = app.connection === 'lost';
  app.setConnection(state);
  // Task updates sent while the page was away are lost with the socket: ask for the tasks as they are now (the
  // bridge reloads the images itself, with a store.changed).
  if (wasLost && state === 'connected') void app.loadTasks();
});
if (!getBridge().onConnection) useAppStore.getState().setConnection('connected');

/** First load: everything the window shows at start. */
export function startApp(): void {
  const state = useAppStore.getState();
  void state.loadImages(); // first on the wire: the rows are what the window is for
  void state.loadInfo();
  void state.loadTasks();
  scheduleUpdateChecks(useAppStore);
}
