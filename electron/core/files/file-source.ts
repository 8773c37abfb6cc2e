/** Read-only access to one image's merged filesystem. Paths are absolute POSIX paths inside the image ('/etc/os-release'). */
export interface FileSource {
  /** The file's bytes, following symlinks inside the image (never outside its root; at most 40 hops). null when the path
   *  does not exist or is not a regular file after following. Throws BerthError('TOO_LARGE') past maxBytes. */
  readFile(path: string, maxBytes: number): Promise<Buffer | null>;
  /** Names of a directory's entries (symlinks followed for the directory itself), sorted; null when not a directory. */
  list(path: string): Promise<string[] | null>;
  /** Many files at once, as readFile would give each ('too-large' past maxBytes, or once the files read so far hold
   *  maxTotal bytes), in the order asked. A source whose reads cost a pass over a layer each (an image's) reads them
   *  all in one pass per layer. */
  readFiles?(paths: readonly string[], maxBytes: number, maxTotal: number): Promise<Array<Buffer | 'too-large' | null>>;
}
