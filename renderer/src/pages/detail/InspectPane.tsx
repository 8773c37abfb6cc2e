// The pane that slides in beside the table for the open image, so the list stays in view.
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { ShortId } from '../../components/ShortId';
import type { DetailTab } from '../../state/detail-slice';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { ConfigTab } from './ConfigTab';
import { JsonTab } from './JsonTab';
import { LayersTab } from './LayersTab';
import { OverviewTab } from './OverviewTab';

const TABS: Array<{ tab: DetailTab; label: string }> = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'layers', label: 'Layers' },
  { tab: 'config', label: 'Config' },
  { tab: 'json', label: 'JSON' },
];

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
  const offline = useActionsDisabled();
  if (!open || !target || !detailKey) return <aside className="inspect-pane" aria-hidden="true" />;

  const title = target.startsWith('sha256:') ? '<none>:<none>' : target;
  return (
    <aside className="inspect-pane open" aria-label="Image details">
      <header className="pane-header">
        <div className="pane-title">
          <h2 title={title}>{title}</h2>
          {detail && <ShortId value={detail.inspect.Id} label="image ID" />}
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
      <div className="tabs" role="tablist" aria-label="Detail sections">
        {TABS.map((item) => (
          <button
            key={item.tab}
            type="button"
            role="tab"
            id={`tab-${item.tab}`}
            aria-selected={tab === item.tab}
            aria-controls="detail-panel"
            className="tab"
            onClick={() => setTab(item.tab)}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div className="pane-body" role="tabpanel" id="detail-panel" aria-labelledby={`tab-${tab}`}>
        {error ? (
          <div className="pane-message" role="alert">
            {error.code === 'NOT_FOUND' ? 'This image is no longer in the store.' : `Could not inspect ${title}: ${error.message}`}
          </div>
        ) : !detail ? (
          <div className="pane-message">Loading…</div>
        ) : tab === 'overview' ? (
          <OverviewTab detail={detail} />
        ) : tab === 'layers' ? (
          <LayersTab detail={detail} />
        ) : tab === 'config' ? (
          <ConfigTab config={detail.inspect.Config} />
        ) : (
          <JsonTab inspect={detail.inspect} />
        )}
      </div>
    </aside>
  );
}
