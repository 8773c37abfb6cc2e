// The pane that slides in beside the table for the open image, so the list stays in view.
import { lazy, Suspense } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { ShortId } from '../../components/ShortId';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { ConfigTab } from './ConfigTab';
import { DetailTabList, DetailTabPanel } from './DetailTabs';
import { LayersTab } from './LayersTab';
import { OverviewTab } from './OverviewTab';
import { RegistryTab } from './RegistryTab';
import { fromRegistry } from './registry-tags';
import { rowKey } from '../../state/rows';
import { updateMark } from '../../state/updates-slice';
import { keepEnterInPane } from './pane-keys';

// The JSON tab (its viewer and the Go template engine) loads on first use, so it never delays the Images page.
const JsonTab = lazy(() => import('./JsonTab'));
// So does the Packages tab with its table and styles.
const PackagesTab = lazy(() => import('./PackagesTab'));
// The Files tab (its tree, search and preview) likewise.
const FilesTab = lazy(() => import('./files/FilesTab'));

export function InspectPane() {
  const { open, target, detail, error, tab, setTab, close, openDialog, detailKey } = useAppStore(
    useShallow((state) => ({
      open: state.detailKey !== null,
      detailKey: state.detailKey,
      target: state.detailTarget,
      detail: state.detail,
      error: state.detailError,
      tab: state.detailTab,
      setTab: state.setDetailTab,
      close: state.closeDetail,
      openDialog: state.openDialog,
    })),
  );
  const image = useAppStore((state) => (state.detailKey === null ? undefined : state.images.find((i) => rowKey(i) === state.detailKey)));
  const update = useAppStore((state) => (image?.reference ? state.updates[image.reference] : undefined));
  const offline = useActionsDisabled();
  if (!open || !target || !detailKey) return <aside className="inspect-pane" aria-hidden="true" />;

  const title = target.startsWith('sha256:') ? '<none>:<none>' : target;
  const registryImage = image && !image.dangling && detail && fromRegistry(image.repository, detail.inspect.RepoDigests) ? image : null;
  const shown = tab === 'registry' && !registryImage ? 'overview' : tab;
  return (
    <aside className="inspect-pane open" aria-label="Image details">
      <header className="pane-header" onKeyDown={keepEnterInPane}>
        <div className="pane-title">
          <h2 title={title}>{title}</h2>
          {detail && <ShortId value={detail.inspect.Id} label="image ID" />}
          {registryImage && updateMark(registryImage, update) === 'update-available' && (
            <button type="button" className="update-mark update-available pane-update" title="The registry's tag now names another image: see Registry" onClick={() => setTab('registry')}>
              Update available
            </button>
          )}
        </div>
        <button type="button" className="icon-button" aria-label="Tag this image" title="Tag…" disabled={offline} onClick={() => openDialog({ kind: 'tag', source: target })}>
          <Icon name="tag" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Remove this image"
          title="Remove…"
          disabled={offline}
          onClick={() => openDialog({ kind: 'remove', keys: [detailKey] })}
        >
          <Icon name="trash" />
        </button>
        <button type="button" className="icon-button" aria-label="Close details" title="Close (Esc)" onClick={close}>
          <Icon name="close" />
        </button>
      </header>
      <DetailTabList tab={shown} onSelect={setTab} hidden={registryImage ? [] : ['registry']} />
      <DetailTabPanel tab={shown}>
        {error ? (
          <div className="pane-message" role="alert">
            {error.code === 'NOT_FOUND' ? 'This image is no longer in the store.' : `Could not inspect ${title}: ${error.message}`}
          </div>
        ) : !detail ? (
          <div className="pane-message">Loading…</div>
        ) : shown === 'overview' ? (
          <OverviewTab detail={detail} />
        ) : shown === 'layers' ? (
          <LayersTab detail={detail} />
        ) : shown === 'registry' && registryImage ? (
          <RegistryTab key={registryImage.repository} image={registryImage} />
        ) : shown === 'packages' ? (
          <Suspense fallback={<div className="pane-message">Loading…</div>}>
            <PackagesTab key={detail.inspect.Id} reference={target} imageId={detail.inspect.Id} />
          </Suspense>
        ) : shown === 'files' ? (
          <Suspense fallback={<div className="pane-message">Loading…</div>}>
            {/* Keyed by image: the tree's folders, view and selection belong to the image. */}
            <FilesTab key={detail.inspect.Id} imageId={detail.inspect.Id} />
          </Suspense>
        ) : shown === 'config' ? (
          <ConfigTab config={detail.inspect.Config} />
        ) : (
          <Suspense fallback={<div className="pane-message">Loading…</div>}>
            {/* Keyed by image: folds and the search belong to the image they were made on. */}
            <JsonTab key={detail.inspect.Id} inspect={detail.inspect} />
          </Suspense>
        )}
      </DetailTabPanel>
    </aside>
  );
}
