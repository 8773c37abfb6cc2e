// Whether the page can reach Berth: the banner, the disabled actions and the frozen "… ago" clocks follow it.
import type { StateCreator } from 'zustand';
import type { ConnectionState } from '../bridge/index';
import type { AppState } from './types';

export interface ConnectionSlice {
  connection: ConnectionState;
  /** When the connection was lost (ms since the epoch); "… ago" texts are measured from here until it is back. */
  connectionLostAt: number | null;
  setConnection(state: ConnectionState): void;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set, get) => ({
  connection: 'connecting',
  connectionLostAt: null,
  setConnection(state) {
    if (state === get().connection) return;
    if (state === 'lost') set({ connection: state, connectionLostAt: get().connectionLostAt ?? Date.now() });
    else if (state === 'connected') set({ connection: state, connectionLostAt: null });
    else set({ connection: state });
  },
});

/** True when actions that change the store must wait: the page cannot reach Berth. */
export function selectActionsDisabled(state: AppState): boolean {
  return state.connection === 'lost';
}
