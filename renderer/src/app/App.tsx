// The window: sidebar, the current page with its top bar, the inspect pane, the status line, and overlays.
import { lazy, Suspense, useEffect } from 'react';
import { useAppStore } from '../state/store';
import { ImagesPage } from '../pages/images/ImagesPage';
import { TasksPage } from '../pages/tasks/TasksPage';
import { SettingsPage } from '../pages/settings/SettingsPage';
import { RegistriesPage } from '../pages/registries/RegistriesPage';
import { EnginePage } from '../pages/engine/EnginePage';
import { ConnectionBanner } from './ConnectionBanner';
import { Dialogs } from './Dialogs';
import { DropOverlay } from './DropOverlay';
import { FatalPage } from './FatalPage';
import { Sidebar } from './Sidebar';
import { StatusLine } from './StatusLine';
import { Toasts } from './Toasts';
import { pageTitle } from './page-title';
import { useOpenFileFromShell } from './useOpenFileFromShell';

// Loaded when first opened: the Hub page never delays the Images page's first rows.
const HubPage = lazy(() => import('../pages/hub/HubPage').then((m) => ({ default: m.HubPage })));
const ComparePage = lazy(() => import('../pages/compare/ComparePage').then((m) => ({ default: m.ComparePage })));

export function App() {
  const page = useAppStore((state) => state.page);
  const fatal = useAppStore((state) => state.fatal);
  const theme = useAppStore((state) => state.theme);
  const detailTarget = useAppStore((state) => state.detailTarget);
  useOpenFileFromShell();

  useEffect(() => {
    document.title = pageTitle(page, detailTarget);
  }, [page, detailTarget]);

  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [theme]);

  if (fatal) return <FatalPage error={fatal} />;

  return (
    <div className="app">
      <Sidebar />
      <main className="main">
        <ConnectionBanner />
        {page === 'images' && <ImagesPage />}
        {page === 'tasks' && <TasksPage />}
        {page === 'settings' && <SettingsPage />}
        {page === 'registries' && <RegistriesPage />}
        {page === 'hub' && (
          <Suspense fallback={<div className="page" />}>
            <HubPage />
          </Suspense>
        )}
        {page === 'engine' && <EnginePage />}
        {page === 'compare' && (
          <Suspense fallback={<div className="page" />}>
            <ComparePage />
          </Suspense>
        )}
      </main>
      <StatusLine />
      <Toasts />
      <DropOverlay />
      <Dialogs />
    </div>
  );
}
