// Wasted space: bytes a layer stores that a later layer overwrites or removes. Every copy of the image still
// carries them (the lower layer's blob is immutable), yet no container sees them. Measured on the merged view's
// per-layer changes, so overwrites, whiteouts and opaque folders count exactly as a runtime applies them: each
// modification or deletion's `before` (what it replaced or removed there, at or below for a folder). A file written
// twice in one layer is not counted (no later layer is involved; dive counts it once too).
//
// Beside it, dive's efficiency score and "potential wasted space" (dive-efficiency.ts), which dive computes on each
// layer's own entries instead and so differs on purpose: it ignores opaque folders, counts a removed folder as an
// occurrence of its own rather than waste, and counts a file every time it is written even when nothing replaced it.
import type { ImageFileKind } from '../../../shared/api/files.js';
import type { ImageWaste, WasteAction, WastedPath } from '../../../shared/api/waste.js';
import { diveEfficiency } from './dive-efficiency.js';
import type { LayerIndex } from './index-format.js';
import type { LayerChange, MergedImage } from './merged-tree.js';

export const MAX_OFFENDERS = 25;

interface Wasting {
  path: string;
  bytes: number;
  /** The last change here that wasted bytes. */
  last: LayerChange;
}

const computed = new WeakMap<MergedImage, Omit<ImageWaste, 'imageId'>>();

/** The image's waste; kept per merged tree, which the files core memoises per image. */
export function imageWaste(imageId: string, indexes: readonly LayerIndex[], merged: MergedImage): ImageWaste {
  let waste = computed.get(merged);
  if (!waste) {
    waste = measure(indexes, merged);
    computed.set(merged, waste);
  }
  return { imageId, ...waste, offenders: waste.offenders.map((o) => ({ ...o, layers: o.layers.map((l) => ({ ...l })) })) };
}

function measure(indexes: readonly LayerIndex[], merged: MergedImage): Omit<ImageWaste, 'imageId'> {
  const byPath = new Map<string, Wasting>();
  let wastedBytes = 0;
  for (const changes of merged.changes) {
    for (const change of changes) {
      if (change.change === 'A' || change.before === 0) continue;
      wastedBytes += change.before;
      const found = byPath.get(change.path);
      if (found) {
        found.bytes += change.before;
        found.last = change;
      } else byPath.set(change.path, { path: change.path, bytes: change.before, last: change });
    }
  }
  const top = [...byPath.values()].sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).slice(0, MAX_OFFENDERS);
  let layerBytes = 0;
  for (const index of indexes) for (const entry of index.entries) if (entry.kind === 'file') layerBytes += entry.size;
  const dive = diveEfficiency(indexes);
  return {
    wastedBytes,
    wastedPaths: byPath.size,
    layerBytes,
    offenders: offenders(top, merged),
    efficiency: dive.score,
    diveWastedBytes: dive.wastedBytes,
  };
}

/**
 * The offenders, each with every layer that wrote, overwrote or removed it (for a folder: wrote anything below it too).
 * One pass over the changes for the paths themselves, and one more only when an offender is (or was) a folder.
 */
function offenders(top: readonly Wasting[], merged: MergedImage): WastedPath[] {
  const found = new Map(top.map((wasting) => [wasting.path, { wasting, below: `${wasting.path}/`, actions: new Map<number, WasteAction>(), folder: false }]));
  merged.changes.forEach((changes, layer) => {
    for (const change of changes) {
      const at = found.get(change.path);
      if (!at) continue;
      at.actions.set(layer, change.change === 'D' ? 'removed' : change.before > 0 ? 'overwritten' : 'written');
      if (change.kind === 'dir') at.folder = true;
    }
  });
  const folders = [...found.values()].filter((at) => at.folder);
  if (folders.length > 0) {
    merged.changes.forEach((changes, layer) => {
      for (const change of changes) {
        if (change.change === 'D') continue;
        for (const at of folders) if (!at.actions.has(layer) && change.path.startsWith(at.below)) at.actions.set(layer, 'written');
      }
    });
  }
  return [...found.values()].map(({ wasting, actions }) => {
    const layers = [...actions].sort(([a], [b]) => a - b).map(([layer, action]) => ({ layer, action }));
    const removed = layers.length > 0 && layers[layers.length - 1]!.action === 'removed';
    return { path: `/${wasting.path}`, kind: kindOf(wasting.last), wastedBytes: wasting.bytes, layers, removed };
  });
}

/** What its last wasting change left at the path, or for a deletion what it removed (never a whiteout itself). */
function kindOf(change: LayerChange): ImageFileKind {
  return change.kind === 'whiteout' || change.kind === 'opaque' ? 'dir' : change.kind;
}
