// Files the renderer may have the service read: only files the user picked in our native dialog or dropped on the
// window (preload read the path from the File itself). Each grant is a random file ID; the page holds the ID, never
// the path, so script in the page, even a compromised one, cannot name /etc/shadow or ~/.ssh.
import { randomBytes } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../shared/errors.js';
import type { FileRef } from '../../shared/api.js';
import type { FileResolver } from '../core/rpc.js';
import type { CoreFileSource, CoreFileTarget } from '../core/service-api.js';

const GRANT_TTL_MS = 60 * 60 * 1000;

interface Grant {
  path: string;
  until: number;
}

export class FileGrants implements FileResolver {
  private readonly granted = new Map<string, Grant>();

  constructor(private readonly ttlMs = GRANT_TTL_MS) {}

  /** Checks the file and remembers its real path under a new ID; the FileRef is what the page gets. */
  async grant(filePath: string): Promise<FileRef> {
    if (typeof filePath !== 'string' || filePath === '') {
      throw new BerthError('INVALID_ARGUMENT', 'this file has no path on disk (was it dragged from another app?)');
    }
    const real = await realpath(filePath).catch(() => {
      throw new BerthError('NOT_FOUND', `cannot open ${filePath}`);
    });
    const info = await stat(real);
    if (!info.isFile()) throw new BerthError('INVALID_ARGUMENT', `${filePath} is not a regular file`);
    const fileId = randomBytes(16).toString('hex');
    this.granted.set(fileId, { path: real, until: Date.now() + this.ttlMs });
    return { fileId, name: path.basename(real), size: info.size };
  }

  /** The granted path of `fileId`, or null when it was never granted or has expired. */
  pathOf(fileId: string, now = Date.now()): string | null {
    const grant = this.granted.get(fileId);
    if (!grant) return null;
    if (grant.until < now) {
      this.granted.delete(fileId);
      return null;
    }
    return grant.path;
  }

  async read(ref: FileRef): Promise<CoreFileSource> {
    const granted = this.pathOf(ref.fileId);
    if (granted === null) throw new BerthError('INVALID_ARGUMENT', 'Berth reads only files you chose in its dialog or dropped on its window');
    // The path must still be the same file it was (not since replaced by a link elsewhere).
    const real = await realpath(granted).catch(() => null);
    if (real !== granted) throw new BerthError('NOT_FOUND', `${granted} has moved or been replaced`);
    return { path: real };
  }

  async write(): Promise<CoreFileTarget> {
    // Save… comes with tarball export (issue 10): a target will be granted by the native save dialog.
    throw new BerthError('INVALID_ARGUMENT', 'the desktop app writes only files you chose in its Save dialog');
  }
}
