// The current time for texts that age ("3 minutes ago", how long the connection has been lost): one shared timer
// for every subscriber, so fifty visible rows re-render together every few seconds instead of keeping fifty timers,
// and rows that were never re-rendered do not go stale beside fresh ones.
import { useSyncExternalStore } from 'react';

const TICK_MS = 10_000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (timer === null) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const notify of [...listeners]) notify();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== null) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Milliseconds since the epoch, updated every 10 s while anything shown depends on it. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, () => now);
}
