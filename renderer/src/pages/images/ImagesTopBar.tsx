// The Images top bar: filter, dangling toggle and the page's actions.
import type { RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { rowKey, rowTarget } from '../../state/rows';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { ImportButton } from '../import/ImportButton';
import { LoadButton } from '../load/LoadButton';
import { FilterBox } from './FilterBox';
import { CheckUpdatesButton } from './CheckUpdatesButton';

export function ImagesTopBar({ filterRef }: { filterRef: RefObject<HTMLInputElement | null> }) {
  const { showDangling, setShowDangling, selection, images, openDialog } = useAppStore(
    useShallow((state) => ({
      showDangling: state.showDangling,
      setShowDangling: state.setShowDangling,
      selection: state.selection,
      images: state.images,
      openDialog: state.openDialog,
    })),
  );
  const offline = useActionsDisabled();
  const single = selection.length === 1 ? images.find((image) => rowKey(image) === selection[0]) : undefined;

  return (
    <header className="top-bar">
      <h1 className="page-title">Images</h1>
      <FilterBox filterRef={filterRef} />
      <label className="toggle">
        <input type="checkbox" checked={showDangling} onChange={(event) => setShowDangling(event.target.checked)} />
        Show dangling
      </label>
      <div className="top-bar-spacer" />
      {/* One group, so a narrow window moves the actions to a second line together, still right-aligned. */}
      <div className="top-bar-actions">
        <button
          type="button"
          className="button"
          disabled={!single || offline}
          title={single ? undefined : 'Select one image to tag it'}
          onClick={() => single && openDialog({ kind: 'tag', source: rowTarget(single) })}
        >
          <Icon name="tag" size={14} /> Tag…
        </button>
        <button
          type="button"
          className="button"
          disabled={selection.length === 0 || offline}
          title={selection.length === 0 ? 'Select images to save them to a tarball' : undefined}
          onClick={() => openDialog({ kind: 'save', keys: selection })}
        >
          <Icon name="save" size={14} /> {selection.length > 1 ? `Save ${selection.length}…` : 'Save…'}
        </button>
        <button
          type="button"
          className="button"
          disabled={selection.length === 0 || offline}
          onClick={() => openDialog({ kind: 'remove', keys: selection })}
        >
          <Icon name="trash" size={14} /> {selection.length > 1 ? `Remove ${selection.length}…` : 'Remove…'}
        </button>
        <button type="button" className="button" disabled={offline} title="Pull an image from a registry (Ctrl/Cmd+P)" onClick={() => openDialog({ kind: 'pull' })}>
          <Icon name="pull" size={14} /> Pull…
        </button>
        <LoadButton />
        <ImportButton />
        <CheckUpdatesButton />
      </div>
    </header>
  );
}
