// A FileSource over a root filesystem unpacked on disk (a chroot, a fixture folder, this machine's own `/`). Paths are
// resolved the way the kernel would inside a chroot at `root`: symlinks are followed by hand, an absolute target
// restarts at the root and `..` stops at it, so nothing outside the root is ever opened. Every component is judged by
// lstat before use and files are opened O_NOFOLLOW | O_NONBLOCK and checked again on the descriptor, so a FIFO or
// device planted in the root reads as "not a regular file" instead of hanging the read.
// What remains is a race no path API closes (a directory swapped for a link between our lstat and the next step); the
// roots this reads are fixtures and unpacked images nobody is writing to, and image layers have their own reader.
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import type { FileSource } from './file-source.js';

/** As Linux's MAXSYMLINKS: past this many links in one lookup the path is a loop (ELOOP). */
export const MAX_LINK_HOPS = 40;

const READ_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

interface Resolved {
  /** The real path on disk, inside the root. */
  disk: string;
  stats: Stats;
}

export class DirFileSource implements FileSource {
  private readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async readFile(imagePath: string, maxBytes: number): Promise<Buffer | null> {
    const found = await this.resolve(imagePath);
    if (!found?.stats.isFile()) return null;
    if (found.stats.size > maxBytes) throw tooLarge(imagePath, maxBytes);
    let handle;
    try {
      handle = await open(found.disk, READ_FLAGS);
    } catch (err) {
      if (isMissing(err)) return null; // gone, or became a link, since the lstat
      throw err;
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile() || stats.ino !== found.stats.ino || stats.dev !== found.stats.dev) return null;
      if (stats.size > maxBytes) throw tooLarge(imagePath, maxBytes);
      // Read to the end rather than trusting the size: a file that grew since the stat still stops at maxBytes + 1.
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
        if (total > maxBytes) throw tooLarge(imagePath, maxBytes);
      }
      return Buffer.concat(chunks, total);
    } finally {
      await handle.close();
    }
  }

  async list(imagePath: string): Promise<string[] | null> {
    const found = await this.resolve(imagePath);
    if (!found?.stats.isDirectory()) return null;
    try {
      return (await readdir(found.disk)).sort();
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /** Walks `imagePath` one component at a time from the root, following links inside it; null when a part is missing. */
  private async resolve(imagePath: string): Promise<Resolved | null> {
    const pending = components(imagePath);
    const done: string[] = [];
    let stats = await lstat(this.root);
    let hops = 0;
    while (pending.length > 0) {
      const name = pending.shift()!;
      if (name === '..') {
        done.pop(); // at the root, `..` is the root, as in a chroot
        stats = await lstat(this.onDisk(done));
        continue;
      }
      if (!stats.isDirectory()) return null; // a file in the middle of a path: ENOTDIR
      done.push(name);
      const disk = this.onDisk(done);
      try {
        stats = await lstat(disk);
      } catch (err) {
        if (isMissing(err)) return null;
        throw err;
      }
      if (!stats.isSymbolicLink()) continue;
      if (++hops > MAX_LINK_HOPS) return null; // a loop: ELOOP, which callers see as "not there"
      const target = await readlink(disk);
      done.pop();
      if (target.startsWith('/')) done.length = 0;
      pending.unshift(...components(target));
      stats = await lstat(this.onDisk(done));
    }
    return { disk: this.onDisk(done), stats };
  }

  private onDisk(parts: string[]): string {
    return parts.length === 0 ? this.root : path.join(this.root, ...parts);
  }
}

/** A path's names, without empty parts and `.`; `..` is kept for the walk to apply. */
function components(p: string): string[] {
  return p.split('/').filter((part) => part !== '' && part !== '.');
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP';
}

function tooLarge(imagePath: string, maxBytes: number): BerthError {
  return new BerthError('TOO_LARGE', `${imagePath} is larger than ${maxBytes} bytes`);
}
