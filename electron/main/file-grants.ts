// Files the renderer may have the service read: only files the user picked in our native dialog or dropped on the
// window (preload read the path from the File itself); and files it may have the service write: only paths the
// user chose in our native Save dialog (or the app's own temporary file for a drag out). Each grant is a random file ID; the page holds the ID, never
// the path, so script in the page, even a compromised one, cannot name /etc/shadow or ~/.ssh.
import { randomBytes } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../shared/errors.js';
import type { FileRef, FileTargetRef } from '../../shared/api.js';
import type { FileResolver } from '../core/rpc.js';
import type { CoreFileSource, CoreFileTarget } from '../core/service-api.js';

const GRANT_TTL_MS = 60 * 60 * 1000;

interface Grant {
  path: string;
  until: number;
}

export class FileGrants implements FileResolver {
  private readonly granted = new Map<string, Grant>();
  private readonly targets = new Map<string, Grant>();

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

  /**
   * A path the user chose in the Save dialog, remembered under a new ID. Its folder must exist; the file itself
   * need not (the save writes beside it and renames, so whatever is there now is replaced, never followed).
   */
  async grantTarget(filePath: string): Promise<FileTargetRef> {
    if (typeof filePath !== 'string' || !path.isAbsolute(filePath)) throw new BerthError('INVALID_ARGUMENT', 'expected an absolute path to save to');
    const folder = await realpath(path.dirname(filePath)).catch(() => {
      throw new BerthError('NOT_FOUND', `cannot save into ${path.dirname(filePath)}: no such folder`);
    });
    const name = path.basename(filePath);
    const existing = await stat(path.join(folder, name)).catch(() => null);
    if (existing?.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `${filePath} is a folder`);
    const targetId = randomBytes(16).toString('hex');
    this.targets.set(targetId, { path: path.join(folder, name), until: Date.now() + this.ttlMs });
    return { targetId, name };
  }

  /** Each granted target is written once. */
  async write(ref: FileTargetRef): Promise<CoreFileTarget> {
    const grant = this.targets.get(ref?.targetId);
    this.targets.delete(ref?.targetId);
    if (!grant || grant.until < Date.now()) throw new BerthError('INVALID_ARGUMENT', 'the desktop app writes only files you chose in its Save dialog');
    return { path: grant.path };
  }
}
