// What is inside an image: the merged filesystem (or one layer's changes), a search, a file's preview.

export type ImageFileKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

/** A change a layer made at a path, as dive marks it: Added, Modified (replaced or changed), Deleted. */
export type FileChange = 'A' | 'M' | 'D';

export interface ImageFileEntry {
  /** Absolute inside the image: `/etc/passwd`. */
  path: string;
  name: string;
  /** What the path is; for a Deleted change, what it was. */
  kind: ImageFileKind;
  /** A file's bytes; a folder's regular-file bytes at all levels below (hard links counted once, as docker counts). */
  size: number;
  /** Permission bits with setuid/setgid/sticky (07777). */
  mode: number;
  uid: number;
  gid: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** A symlink's target as written, or a hard link's target path (absolute). */
  link?: string;
  /** The layer (0 = base) that last wrote this path; -1 for a folder no layer names (made as a parent). */
  layer: number;
  /** A folder's entries one level down, and at all levels. */
  children: number;
  descendants: number;
  /** In a layer's view: what that layer did here. For a Deleted path, `size` is what it removed. */
  change?: FileChange;
}

export interface ImageLayerFiles {
  index: number;
  diffId: string;
  /** The Dockerfile step (history `created_by`) that made the layer, when the config says. */
  createdBy: string;
  /** Regular-file bytes the layer writes. */
  size: number;
  /** Paths the layer adds, modifies and deletes. */
  added: number;
  modified: number;
  deleted: number;
}

export interface ImageFilesQuery {
  /** The folder to list (default `/`). */
  path?: string;
  /** List what this layer changed instead of the merged view. */
  layer?: number;
}

export interface ImageFileListing {
  imageId: string;
  /** The folder listed, normalised (`/usr/lib`). */
  path: string;
  /** Folders first, then by name. */
  entries: ImageFileEntry[];
  layers: ImageLayerFiles[];
  /** Of the merged view: entries and regular-file bytes. */
  totalEntries: number;
  totalSize: number;
}

export interface ImageFileSearch {
  /** A path fragment (`nginx.conf`, `/etc/ssl`) or a glob (`*.so`, `/usr/**\/*.py`): see matchesFileQuery. */
  pattern: string;
  layer?: number;
  /** At most this many matches (default 500, at most 5000). */
  limit?: number;
}

export interface ImageFileSearchResult {
  matches: ImageFileEntry[];
  /** More matched than `limit`. */
  truncated: boolean;
}

export interface ImageFilePreview {
  entry: ImageFileEntry;
  /** The file's text, when it is a regular file (or a link to one) of at most `limit` bytes that is not binary. */
  text?: string;
  /** Why there is no text: a folder or special file, binary content, or too large. */
  reason?: 'not-a-file' | 'binary' | 'too-large';
  /** The largest file previewed. */
  limit: number;
  /** Where a symlink leads inside the image, when it leads anywhere. */
  resolved?: string;
}
