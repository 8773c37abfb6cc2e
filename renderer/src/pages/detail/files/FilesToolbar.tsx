// The Files tab's controls: which view (the image as a whole, or what one layer changed) and the search box.
import type { ImageLayerFiles } from '../../../../../shared/api';
import type { FilesView } from './file-cache';
import { layerLabel } from './layer-label';

interface FilesToolbarProps {
  view: FilesView;
  layers: ImageLayerFiles[] | null;
  onView(view: FilesView): void;
  query: string;
  onQuery(query: string): void;
}

export function FilesToolbar({ view, layers, onView, query, onQuery }: FilesToolbarProps) {
  return (
    <div className="files-toolbar">
      <select
        className="files-view"
        aria-label="View"
        title={view === null ? 'The image as a container sees it: every layer applied' : 'Only what this layer added, modified or removed'}
        value={view === null ? 'merged' : String(view)}
        disabled={!layers}
        onChange={(event) => onView(event.target.value === 'merged' ? null : Number(event.target.value))}
      >
        <option value="merged">Merged (the image)</option>
        {layers?.map((layer) => (
          <option key={layer.index} value={layer.index}>
            {layerLabel(layer)}
          </option>
        ))}
      </select>
      <input
        type="search"
        className="files-search"
        placeholder="Search paths, globs"
        title="A part of a path (nginx.conf, /etc/ssl) or a glob (*.so, /usr/**/*.py)"
        aria-label="Search files"
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query !== '') {
            event.stopPropagation(); // clears the box; a second Escape closes the pane as usual
            onQuery('');
          } else if (event.key === 'ArrowDown') {
            const first = event.currentTarget.closest('.files-tab')?.querySelector<HTMLElement>('[role="listbox"] [tabindex="0"]');
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }
        }}
      />
    </div>
  );
}
