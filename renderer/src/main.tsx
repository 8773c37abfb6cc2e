// Entry: the store and the bridge first, so the first rows are asked for while the window's UI is still loading.
// The UI is a separate chunk (app/mount.tsx), fetched and compiled in parallel thanks to the modulepreload link
// vite.config.ts puts in index.html, but run only once the first rows are in: running React first would hold the
// socket's open event (and so the questions) behind a hundred milliseconds of main-thread work.
import { startApp, useAppStore } from './state/store';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/table.css';
import './styles/detail.css';
import './styles/dialogs.css';
import './styles/pages.css';
import './styles/connection.css';
import './styles/rows.css';
import './styles/menu.css';
import './styles/registries.css';
import './styles/engine.css';
import './styles/registry.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
/** The longest the UI waits for its first rows before showing itself anyway (loading, or the banner explaining). */
const UI_WAIT_MS = 300;

/**
 * Resolves when the first rows are in (the service answers the first screenful within milliseconds of the socket
 * opening), the connection failed, or UI_WAIT_MS passed. Mounting then lays out and paints the window once, with
 * its rows, instead of an empty table first and the rows a frame later: on a 2-core machine each full layout and
 * paint of the window is tens of milliseconds.
 */
function firstRowsOrLater(): Promise<void> {
  const ready = (state: ReturnType<typeof useAppStore.getState>) => state.imagesLoaded || state.connection === 'lost';
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      resolve();
    };
    const unsubscribe = useAppStore.subscribe((state) => {
      if (ready(state)) done();
    });
    const timer = setTimeout(done, UI_WAIT_MS);
    if (ready(useAppStore.getState())) done();
  });
}

startApp();
void firstRowsOrLater()
  .then(() => import('./app/mount'))
  .then(({ mount }) => mount(root));
