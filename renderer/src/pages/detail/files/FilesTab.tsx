// "Files": what is inside the image, offline — the merged filesystem (or one layer's changes, dive's view) as a
// lazily listed, virtualised tree, a search across every path, and the selected path's details, preview and Save….
// Loaded on first use (InspectPane's lazy import), with its styles, so it never delays the Images page.
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { ImageFileEntry } from '../../../../../shared/api';
import { humanSize } from '../../../../../shared/format';
import { imageFileCache, type FilesView } from './file-cache';
import { FileDetails } from './FileDetails';
import { FilesToolbar } from './FilesToolbar';
import { FileTree } from './FileTree';
import { layerChangesText, layerNumber } from './layer-label';
import { SearchResults } from './SearchResults';
import { flattenTree, foldersAbove, parentPath } from './tree-rows';
import { useFileSearch } from './useFileSearch';
import './files.css';

/** Said only when the wait is long enough to notice: indexes already built answer before it would flash. */
function Waiting({ text }: { text: string }) {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), 150);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p className="files-message muted" role="status">
      {shown ? text : ''}
    </p>
  );
}

interface Selection {
  entry: ImageFileEntry;
  view: FilesView;
  fromSearch: boolean;
}

export default function FilesTab({ imageId }: { imageId: string }) {
  const cache = useMemo(() => imageFileCache(imageId), [imageId]);
  const version = useSyncExternalStore(cache.subscribe, () => cache.version);
  const [view, setView] = useState<FilesView>(null);
  const [query, setQuery] = useState('');
  const [selection, setSelection] = useState<Selection | null>(null);
  const [reveal, setReveal] = useState<string | null>(null);
  /** The latest show(): an earlier one still opening folders gives way to it. */
  const showing = useRef(0);
  const search = useFileSearch(imageId, view, query);

  useEffect(() => {
    void cache.load(view, '/');
  }, [cache, view]);

  const root = cache.folder(view, '/');
  const expanded = cache.expanded(view);
  // `version` changes whenever a listing arrives or a folder opens: the rows are rebuilt from the cache then.
  const rows = useMemo(() => flattenTree('/', (path) => cache.folder(view, path), expanded), [cache, view, expanded, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const layers = cache.totals?.layers ?? null;
  const shownSelection = selection && selection.view === view ? selection : null;

  /**
   * Switches to `target` and opens the folders down to `path`, then selects it there (if the view has it); the tree
   * shows it unless the search is kept (a view switch while searching searches the other view instead).
   */
  const show = useCallback(
    async (target: FilesView, path: string, keepSearch = false) => {
      const mine = ++showing.current;
      setView(target);
      if (!keepSearch) setQuery('');
      const parent = parentPath(path);
      for (const folder of ['/', ...foldersAbove(path)]) {
        const listed = await cache.load(target, folder);
        if (listed.state !== 'done' || showing.current !== mine) return;
        if (folder !== '/') cache.setExpanded(target, folder, true);
      }
      const listed = cache.folder(target, parent);
      const entry = listed?.state === 'done' ? listed.entries.find((candidate) => candidate.path === path) : undefined;
      if (!entry) return setSelection(null);
      setSelection({ entry, view: target, fromSearch: keepSearch });
      setReveal(path);
    },
    [cache],
  );

  const select = useCallback((entry: ImageFileEntry) => setSelection({ entry, view, fromSearch: false }), [view]);
  const selectMatch = useCallback((entry: ImageFileEntry) => setSelection({ entry, view, fromSearch: true }), [view]);
  const revealed = useCallback(() => setReveal(null), []);
  const toggle = useCallback((path: string, open: boolean) => cache.setExpanded(view, path, open), [cache, view]);

  function changeView(next: FilesView) {
    // The selected path stays selected where the other view has it.
    if (shownSelection) return void show(next, shownSelection.entry.path, true);
    showing.current++;
    setView(next);
  }

  const layer = view === null ? undefined : layers?.[view];
  const summary =
    view === null
      ? cache.totals && `${cache.totals.entries.toLocaleString()} entries · ${humanSize(cache.totals.size)} · the image as a container sees it`
      : layer && layerChangesText(layer);

  let body;
  if (!root || root.state === 'loading') {
    body = <Waiting text={cache.totals ? 'Listing…' : 'Indexing layers… The first look at an image reads each layer once; this can take a few seconds.'} />;
  } else if (root.state === 'error') {
    body = (
      <div className="files-message" role="alert">
        <p className="file-error">Could not list the files: {root.message}</p>
        <button type="button" className="button button-small" onClick={() => void cache.load(view, '/')}>
          Retry
        </button>
      </div>
    );
  } else if (search.pattern !== '') {
    body = <SearchResults search={search} selectedPath={shownSelection?.entry.path ?? null} onSelect={selectMatch} />;
  } else if (root.entries.length === 0) {
    body = <p className="files-message muted">{view === null ? 'This image has no files.' : `Layer ${layerNumber(view)} changes no files.`}</p>;
  } else {
    body = (
      <>
        <div className="file-columns small" aria-hidden="true">
          <span>Name</span>
          <span className="file-size">Size</span>
          <span className="file-mode">Mode</span>
          <span className="file-owner">Owner</span>
        </div>
        <FileTree
          rows={rows}
          label={view === null ? 'Files in the image' : `Changes of layer ${layerNumber(view)}`}
          selectedPath={shownSelection?.entry.path ?? null}
          onSelect={select}
          onToggle={toggle}
          reveal={reveal}
          onRevealed={revealed}
          layerView={view !== null}
          imageId={imageId}
        />
      </>
    );
  }

  return (
    <div className={`files-tab${view === null ? '' : ' layer-view'}`}>
      <FilesToolbar view={view} layers={layers} onView={changeView} query={query} onQuery={setQuery} />
      {summary && <p className="files-summary small muted">{summary}</p>}
      <div className="files-main">{body}</div>
      {shownSelection && (
        <FileDetails
          key={shownSelection.entry.path}
          imageId={imageId}
          entry={shownSelection.entry}
          view={view}
          layers={layers ?? []}
          fromSearch={shownSelection.fromSearch && search.pattern !== ''}
          onShow={(target, path) => void show(target, path)}
        />
      )}
    </div>
  );
}
