// How a layer is named in the view switch and the details: `#2  RUN apk add curl (4.1 MB, +12 ~3 −1)`.
import type { ImageLayerFiles } from '../../../../../shared/api';
import { humanSize } from '../../../../../shared/format';

const MAX_COMMAND = 60;

/** The Dockerfile step without the shell wrapper docker records around it (`/bin/sh -c #(nop) `). */
export function shortCommand(createdBy: string): string {
  const step = createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c\s+/, 'RUN ')
    .replace(/\s+/g, ' ')
    .trim();
  return step.length > MAX_COMMAND ? `${step.slice(0, MAX_COMMAND - 1)}…` : step;
}

/** The layer as people count it (1 is the base), as the Layers tab, Wasted space and `berth ls --layer N` do. */
export function layerNumber(index: number): string {
  return `#${index + 1}`;
}

export function layerLabel(layer: ImageLayerFiles): string {
  const command = shortCommand(layer.createdBy) || '(no command recorded)';
  return `${layerNumber(layer.index)}  ${command} (${humanSize(layer.size)}, +${layer.added} ~${layer.modified} −${layer.deleted})`;
}

/** The header's words for a layer's view: it lists only what the layer changed. */
export function layerChangesText(layer: ImageLayerFiles): string {
  const parts = [`${layer.added.toLocaleString()} added`, `${layer.modified.toLocaleString()} modified`, `${layer.deleted.toLocaleString()} removed`];
  return `Only the changes of layer ${layerNumber(layer.index)}: ${parts.join(', ')} · ${humanSize(layer.size)}`;
}
