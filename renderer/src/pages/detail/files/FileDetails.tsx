// The selected path: what it is, where, its size, mode, owner and time, the layer that wrote it (a button to that
// layer's view), a link's target; Save…; and, for a small text file, its content.
import type { ImageFileEntry, ImageLayerFiles } from '../../../../../shared/api';
import { humanSize } from '../../../../../shared/format';
import { CopyButton } from '../../../components/CopyButton';
import { CHANGE_WORDS, ChangeMark } from './ChangeMark';
import type { FilesView } from './file-cache';
import { formatMode, octalMode } from './file-mode';
import { FileKindIcon, KIND_WORDS } from './FileKindIcon';
import { FilePreview, hasContent } from './FilePreview';
import { layerNumber, shortCommand } from './layer-label';
import { SaveFile } from './SaveFile';

interface FileDetailsProps {
  imageId: string;
  entry: ImageFileEntry;
  view: FilesView;
  layers: ImageLayerFiles[];
  /** Switches to a view and shows the path there. */
  onShow(view: FilesView, path: string): void;
  /** The selection came from the search: offer to show it in the tree. */
  fromSearch: boolean;
}

function timeOf(seconds: number): string {
  return seconds ? new Date(seconds * 1000).toLocaleString() : '—';
}

export function FileDetails({ imageId, entry, view, layers, onShow, fromSearch }: FileDetailsProps) {
  const removed = entry.change === 'D';
  // In a layer's view, a path it did not change is only a folder on the way to its changes.
  const passThrough = view !== null && !entry.change;
  const writer = view !== null && entry.change ? view : entry.layer;
  const layer = writer >= 0 ? layers[writer] : undefined;
  return (
    <section className="file-details" aria-label="Selected path">
      <header className="file-details-head">
        <FileKindIcon kind={entry.kind} />
        <h3 className="file-details-name" title={entry.path}>
          {entry.name}
        </h3>
        {entry.change && <ChangeMark change={entry.change} />}
        <span className="file-details-actions">
          {fromSearch && (
            <button type="button" className="button button-small" onClick={() => onShow(view, entry.path)}>
              Show in tree
            </button>
          )}
          {view !== null && !removed && (
            <button type="button" className="button button-small" onClick={() => onShow(null, entry.path)} title="Show this path in the image as a whole">
              Show in image
            </button>
          )}
          <SaveFile imageId={imageId} entry={entry} />
        </span>
      </header>
      <div className="file-path-field">
        <code className="mono wrap">{entry.path}</code>
        <CopyButton text={() => entry.path} label="Copy" name="Copy the path" />
      </div>
      {/* Label above value, several to a line: the tree keeps most of the height. */}
      <dl className="file-facts">
        <div>
          <dt>Kind</dt>
          <dd>
            {KIND_WORDS[entry.kind]}
            {entry.change && <span className="muted"> · {CHANGE_WORDS[entry.change].toLowerCase()}</span>}
          </dd>
        </div>
        <div>
          <dt>Size</dt>
          <dd>
            <span className="num" title={`${entry.size.toLocaleString()} bytes`}>
              {humanSize(entry.size)}
            </span>
            {entry.kind === 'dir' && <span className="muted"> in {entry.descendants.toLocaleString()}</span>}
            {removed && <span className="muted"> removed</span>}
          </dd>
        </div>
        {!removed && !passThrough && (
          <>
            <div>
              <dt>Mode</dt>
              <dd>
                <code className="mono">{formatMode(entry.kind, entry.mode)}</code> <span className="muted mono">{octalMode(entry.mode)}</span>
              </dd>
            </div>
            <div>
              <dt>Owner</dt>
              <dd className="mono" title="uid:gid">
                {entry.uid}:{entry.gid}
              </dd>
            </div>
            <div className="file-time">
              <dt>Modified</dt>
              <dd title={entry.mtime ? new Date(entry.mtime * 1000).toISOString() : undefined}>{timeOf(entry.mtime)}</dd>
            </div>
          </>
        )}
        {entry.link !== undefined && (
          <div className="wide">
            <dt>{entry.kind === 'hardlink' ? 'Same file as' : 'Link target'}</dt>
            <dd>
              <code className="mono wrap">{entry.link}</code>
            </dd>
          </div>
        )}
        <div className="wide">
          <dt>Layer</dt>
          <dd>
            {passThrough ? (
              <span className="muted">Not changed by layer {layerNumber(view)} itself: it holds that layer’s changes below</span>
            ) : writer < 0 ? (
              <span className="muted">No layer names it: made as a parent folder</span>
            ) : view === writer ? (
              <span title={layer?.createdBy}>
                {layerNumber(writer)} {layer && <code className="mono">{shortCommand(layer.createdBy)}</code>}
              </span>
            ) : (
              <button type="button" className="link-button file-layer-link" title={`Show what layer ${layerNumber(writer)} changed${layer ? `:\n${layer.createdBy}` : ''}`} onClick={() => onShow(writer, entry.path)}>
                {layerNumber(writer)} {layer && shortCommand(layer.createdBy)}
              </button>
            )}
          </dd>
        </div>
      </dl>
      {hasContent(entry) && <FilePreview key={`${entry.path}@${view ?? 'image'}`} imageId={imageId} entry={entry} />}
    </section>
  );
}
