// The contract's files and archives: files the shells hand over (FileRef, FileTargetRef), import, load and save.
// Plain data (structured clone and JSON); re-exported by shared/api.ts, which holds the API itself.

/**
 * A file the shell handed out for reading: picked in a native dialog, dropped on the window, or uploaded to
 * `berth serve`. Only the shell that issued it can turn it back into bytes; the page never sees a path.
 */
export interface FileRef {
  fileId: string;
  /** The file's own name, for titles and messages. */
  name: string;
  /** Bytes, when known. */
  size: number | null;
}

/** Where the shell lets an operation write a file (a Save… dialog's choice, a download): the other direction. */
export interface FileTargetRef {
  targetId: string;
  name: string;
}

export interface ImportOptions {
  /** `REPOSITORY[:TAG]`; empty for an untagged image. */
  reference?: string;
  /** `-c` instructions in Dockerfile syntax. */
  changes?: string[];
  /** `-m` commit message. */
  message?: string;
  /** `os/arch[/variant]`; the host's by default. */
  platform?: string;
}

/** One thing wrong with an import's options, found before any byte is read (or uploaded). */
export interface ImportOptionProblem {
  field: 'reference' | 'changes' | 'platform';
  /** The service's own message, as `importRootfs` would fail with it. */
  message: string;
  /** For `changes`: the index (in `options.changes`) of the first instruction that fails, when one can be named. */
  index?: number;
}

export interface ImportResult {
  id: string;
  reference: string | null;
  manifestDigest: string;
}

/** What a load brought into the store: each image of the archive with the tags it got (none: untagged). */
export interface LoadResult {
  images: Array<{ id: string; tags: string[] }>;
}

export interface SaveOptions {
  /** `os/arch[/variant]`: which platform of an index to save; the host's by default. */
  platform?: string;
  /** Write the stored (usually gzip) layers as they are instead of uncompressed as docker does. */
  keepCompressed?: boolean;
}

/** What a save wrote: each image with the tags saved for it, and the archive's length in bytes. */
export interface SaveResult {
  images: Array<{ id: string; tags: string[] }>;
  size: number;
}

/** How the page follows (and can stop) the hand-over of a file: an upload in the browser shell. */
export interface FileRefOptions {
  /** Bytes sent so far of `total`; called first with 0 as the upload starts. */
  onProgress?(sent: number, total: number): void;
  signal?: AbortSignal;
}
