// Wasted space in an image: bytes a lower layer stores that a later layer overwrites or removes (every pull and
// every disk still carries them, but no container sees them), the paths wasting most, and dive's efficiency score.

import type { ImageFileKind } from './files.js';

/** What one layer did at a wasted path. `written`: wrote it (or something below a folder); `overwritten`: replaced it. */
export type WasteAction = 'written' | 'overwritten' | 'removed';

export interface WastedPath {
  /** Absolute inside the image: `/var/cache/apt`. */
  path: string;
  /** What its last overwrite left there, or what its removal removed. */
  kind: ImageFileKind;
  /** Bytes of this path (at or below, for a folder) that later layers overwrote or removed. */
  wastedBytes: number;
  /** Every layer that wrote, overwrote or removed the path (or anything below it), in layer order (0 = base). */
  layers: Array<{ layer: number; action: WasteAction }>;
  /** The path is gone from the image (its last change removed it). */
  removed: boolean;
}

export interface ImageWaste {
  imageId: string;
  /** Regular-file bytes a later layer overwrites or removes (a file written twice in one layer is not counted). */
  wastedBytes: number;
  /** How many paths waste bytes (offenders lists the largest). */
  wastedPaths: number;
  /** Regular-file bytes every layer writes, overwritten or not (what `wastedBytes` is a part of). */
  layerBytes: number;
  /** The largest offenders first, at most 25. */
  offenders: WastedPath[];
  /**
   * dive's image efficiency score (0–1) as dive's filetree.Efficiency computes it: per path over every layer's own
   * leaf entries, the smallest size seen, summed, over the sizes of every occurrence summed (a whiteout counting
   * what it removes from a folder in the layers below, a removed file 0); 1 when the layers hold no bytes.
   */
  efficiency: number;
  /** dive's "potential wasted space": the summed sizes of every path that occurs in more than one layer. */
  diveWastedBytes: number;
}
