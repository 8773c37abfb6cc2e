// Two images compared: the paths whose files differ (docker diff's A/C/D) with sizes, and their configs' differences.
import type { ImageFileKind } from './files.js';

/** docker diff's letters: Added (in B only), Changed, Deleted (in A only). */
export type DiffChangeKind = 'A' | 'C' | 'D';

/** What differs at a path both images have. */
export type DiffField = 'type' | 'mode' | 'owner' | 'size' | 'mtime' | 'link' | 'device';

export interface ImageDiffChange {
  kind: DiffChangeKind;
  /** Absolute inside the image: `/etc/passwd`. */
  path: string;
  /** What the path is in B; for a Deleted path, what it was in A. */
  type: ImageFileKind;
  /** The path's own regular-file bytes in B and in A (folders, links and special files 0; hard links 0, as docker counts them once). */
  size: number;
  sizeBefore: number;
  /** size - sizeBefore. */
  delta: number;
  /** For C: which of the path's facts differ (empty when only something inside the folder changed). */
  fields?: DiffField[];
  /** For C of the path itself: its facts in A and in B, to show what became what. */
  was?: DiffFacts;
  now?: DiffFacts;
  /**
   * A folder both images have with the same metadata, listed as C only because something inside it changed: docker
   * diff lists such folders (moby's addChanges), so the CLI prints them; the app's tree shows them unmarked.
   */
  inside?: true;
}

/** A path's metadata as its tar header gives it. */
export interface DiffFacts {
  type: ImageFileKind;
  /** Permission bits with setuid/setgid/sticky (07777). */
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** A symlink's target. */
  link?: string;
}

export interface ImageDiffSide {
  reference: string | null;
  id: string;
  /** `linux/amd64`. */
  platform: string;
  created: string | null;
  /** Regular-file bytes of the merged filesystem, and its entries. */
  size: number;
  entries: number;
  layers: number;
}

/** One difference between the configs; `before`/`after` absent when the image does not set it. */
export interface ConfigDifference {
  field: ConfigField;
  /** The variable, label, port or volume, for the fields that are compared item by item. */
  key?: string;
  before?: string;
  after?: string;
}

export type ConfigField =
  | 'Platform' | 'Env' | 'Cmd' | 'Entrypoint' | 'WorkingDir' | 'User' | 'Labels' | 'ExposedPorts' | 'Volumes'
  | 'StopSignal' | 'Healthcheck' | 'OnBuild';

export interface ImageDiff {
  a: ImageDiffSide;
  b: ImageDiffSide;
  /** Sorted by path (docker diff's order). */
  changes: ImageDiffChange[];
  /** Paths added, changed (not counting folders listed only for what is inside them) and deleted; B's size minus A's. */
  summary: { added: number; changed: number; deleted: number; delta: number };
  config: ConfigDifference[];
  /** How many layers (diff IDs) both images start with: B built on A shares all of A's. */
  sharedLayers: number;
}
