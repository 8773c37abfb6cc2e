// The app's own update checks: once the first rows are in and the page has settled, then every few minutes it
// asks whether the hourly check is due (a laptop waking from sleep catches up within minutes, not an hour later).
import type { useAppStore } from './store';

const FIRST_CHECK_DELAY_MS = 10_000;
const POLL_MS = 5 * 60 * 1000;

export function scheduleUpdateChecks(store: typeof useAppStore): void {
  const due = () => {
    const state = store.getState();
    if (state.connection === 'connected' && state.imagesLoaded) state.checkUpdatesIfDue();
  };
  setTimeout(due, FIRST_CHECK_DELAY_MS);
  setInterval(due, POLL_MS);
}
