// Paths the renderer may hand back to importRootfs/load: only files the user picked in our native dialog or
// dropped on the window (preload read the path from the File itself). Anything else the page sends is refused,
// so script in the page, even a compromised one, cannot make main read /etc/shadow or ~/.ssh.
import { realpath, stat } from 'node:fs/promises';
import { BerthError } from '../../shared/errors.js';
import type { FileSource } from '../../shared/api.js';
import type { FileResolver, ResolvedFile } from '../core/rpc.js';

const GRANT_TTL_MS = 60 * 60 * 1000;

export class FileGrants {
  private readonly granted = new Map<string, number>();

  constructor(private readonly ttlMs = GRANT_TTL_MS) {}

  /** Checks the file and remembers its real path; returns that path, which is what the page then sends back. */
  async grant(filePath: string): Promise<string> {
    if (typeof filePath !== 'string' || filePath === '') {
      throw new BerthError('INVALID_ARGUMENT', 'this file has no path on disk (was it dragged from another app?)');
    }
    const real = await realpath(filePath).catch(() => {
      throw new BerthError('NOT_FOUND', `cannot open ${filePath}`);
    });
    if (!(await stat(real)).isFile()) throw new BerthError('INVALID_ARGUMENT', `${filePath} is not a regular file`);
    this.granted.set(real, Date.now() + this.ttlMs);
    return real;
  }

  isGranted(filePath: string, now = Date.now()): boolean {
    const until = this.granted.get(filePath);
    if (until === undefined) return false;
    if (until < now) {
      this.granted.delete(filePath);
      return false;
    }
    return true;
  }

  /** Electron's FileResolver: granted paths only; uploads belong to the browser shell. */
  readonly resolve: FileResolver = async (source: FileSource): Promise<ResolvedFile> => {
    if (!('path' in source)) throw new BerthError('INVALID_ARGUMENT', 'the desktop app reads files by path, not uploads');
    if (!this.isGranted(source.path)) {
      throw new BerthError('INVALID_ARGUMENT', 'Berth reads only files you chose in its dialog or dropped on its window');
    }
    // The path must still be the same file it was (not since replaced by a link elsewhere).
    const real = await realpath(source.path).catch(() => null);
    if (real !== source.path) throw new BerthError('NOT_FOUND', `${source.path} has moved or been replaced`);
    return { source: { path: real } };
  };
}
