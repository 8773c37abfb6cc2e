// Entry: the store and the bridge first, so the first rows are asked for while the window's UI is still loading.
// The UI is a separate chunk (app/mount.tsx), fetched and compiled in parallel thanks to the modulepreload link
// vite.config.ts puts in index.html, but run only once the questions are on the wire: running React first would
// hold the socket's open event (and so the questions) behind a hundred milliseconds of main-thread work.
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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
/** The longest the UI waits for the socket before showing itself anyway (the connection banner then explains). */
const UI_WAIT_MS = 250;

function connectedOrLater(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      clearTimeout(timer);
      resolve();
    };
    const unsubscribe = useAppStore.subscribe((state) => {
      if (state.connection !== 'connecting') done();
    });
    const timer = setTimeout(done, UI_WAIT_MS);
    if (useAppStore.getState().connection !== 'connecting') done();
  });
}

startApp();
void connectedOrLater()
  .then(() => import('./app/mount'))
  .then(({ mount }) => mount(root));
