// One row of the Files tree: indent, disclosure triangle, kind glyph, name (a symlink with its target), and the
// size, mode and owner columns; in a layer's view, dive's A/M/D mark in front of the name.
import { memo, type CSSProperties } from 'react';
import { humanSize } from '../../../../../shared/format';
import { ChangeMark } from './ChangeMark';
import { prepareFileDrag, startFileDrag } from './file-drag';
import { canSave } from './save-name';
import { formatMode, octalMode } from './file-mode';
import { FileKindIcon } from './FileKindIcon';
import type { TreeRow } from './tree-rows';

export const TREE_ROW_HEIGHT = 24;
const INDENT = 14;

interface FileTreeRowProps {
  row: TreeRow;
  start: number;
  selected: boolean;
  /** The tree's one Tab stop. */
  current: boolean;
  onPick(row: TreeRow): void;
  onToggle(row: TreeRow): void;
  /** A layer's view: a folder the layer did not change itself only leads to changes below it. */
  layerView: boolean;
  /** For dragging the path out of the window. */
  imageId: string;
}

export const FileTreeRow = memo(function FileTreeRow({ row, start, selected, current, onPick, onToggle, layerView, imageId }: FileTreeRowProps) {
  const { entry } = row;
  // No metadata to show: removed here, or (in a layer's view) a folder the layer only changed things inside.
  const bare = entry.change === 'D' || (layerView && !entry.change);
  const loading = row.folder?.state === 'loading';
  const failed = row.folder?.state === 'error' ? row.folder.message : null;
  const className = `file-row${selected ? ' selected' : ''}${entry.change ? ` changed change-row-${entry.change}` : ''}${layerView && !entry.change ? ' pass-through' : ''}`;
  return (
    <div
      role="treeitem"
      className={className}
      data-path={entry.path}
      aria-level={row.depth + 1}
      aria-posinset={row.position}
      aria-setsize={row.siblings}
      aria-selected={selected}
      aria-expanded={row.expandable ? row.expanded : undefined}
      aria-busy={loading || undefined}
      tabIndex={current ? 0 : -1}
      style={{ transform: `translateY(${start}px)`, '--depth-indent': `${row.depth * INDENT}px` } as CSSProperties}
      draggable={canSave(entry)}
      onPointerDown={() => prepareFileDrag(imageId, entry)}
      onDragStart={(event) => startFileDrag(event, imageId, entry)}
      onClick={() => onPick(row)}
      onDoubleClick={() => row.expandable && onToggle(row)}
    >
      <span className="file-name-cell">
        <span
          className={`disclosure${row.expandable ? '' : ' leaf'}${row.expanded || loading ? ' open' : ''}`}
          aria-hidden="true"
          onClick={(event) => {
            if (!row.expandable) return;
            event.stopPropagation();
            onToggle(row);
          }}
        />
        {entry.change && <ChangeMark change={entry.change} />}
        <FileKindIcon kind={entry.kind} open={row.expanded} />
        <span className="file-name" title={entry.path}>
          {entry.name}
          {entry.link !== undefined && entry.kind === 'symlink' && <span className="file-link"> → {entry.link}</span>}
        </span>
        {loading && <span className="file-row-note muted">Loading…</span>}
        {failed && (
          <span className="file-row-note file-row-error" title={failed}>
            Could not list: {failed}
          </span>
        )}
      </span>
      <span className="file-size num" title={`${entry.size.toLocaleString()} bytes${entry.kind === 'dir' ? ' below' : ''}`}>
        {entry.kind === 'dir' || entry.kind === 'file' || entry.kind === 'hardlink' ? humanSize(entry.size) : ''}
      </span>
      <span className="file-mode mono" title={bare ? undefined : octalMode(entry.mode)}>
        {bare ? '' : formatMode(entry.kind, entry.mode)}
      </span>
      <span className="file-owner mono num">{bare ? '' : `${entry.uid}:${entry.gid}`}</span>
    </div>
  );
});
