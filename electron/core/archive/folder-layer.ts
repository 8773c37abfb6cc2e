// A folder on disk as one layer tar (`berth commit --add DIR:DEST`), the way docker's archive.TarWithOptions
// keeps a tree: ownership, permission bits, symlinks (as links, never followed), hard links (the second name links
// to the first) and modification times (whole seconds). Entries are sorted by byte order within each folder, parent
// before children, so the same tree always gives the same bytes and so the same layer digest.
//
// Safety: the walk uses lstat and never descends through a symlink; each file is opened with O_NOFOLLOW and
// checked to be the very file the walk saw (same device, inode and size), so a file swapped for a symlink between
// the walk and the read is refused instead of read through. Sockets and device files are refused by name: a
// layer cannot carry a socket, and device nodes need privileges to unpack that a folder add should not ask for.
import { constants, type BigIntStats } from 'node:fs';
import { lstat, open, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { layerEntryHeader, padding, type LayerEntry } from './layer-header.js';

const CHUNK = 1 << 20;

export interface FolderLayer {
  /** The uncompressed tar, end-of-archive marker included. */
  stream: AsyncIterable<Uint8Array>;
  /** What the files take unpacked (docker's layer size); final once `stream` has ended. */
  unpackedSize(): number;
  /** Entries written so far. */
  entries(): number;
}

export interface FolderSource {
  /** The folder on disk. */
  dir: string;
  /** Where it goes in the image (`/` or `/srv/app`): the folder's contents land there. */
  dest: string;
}

/** Checks the folders now (so a typo fails before a task starts); the bytes are read as `stream` is consumed. */
export async function openFolderLayer(sources: readonly FolderSource[], options: { signal?: AbortSignal } = {}): Promise<FolderLayer> {
  for (const source of sources) {
    const stats = await lstat(source.dir).catch((err: NodeJS.ErrnoException) => {
      throw new BerthError('NOT_FOUND', `cannot add ${source.dir}: ${err.code === 'ENOENT' ? 'no such file or directory' : err.message}`);
    });
    if (!stats.isDirectory()) throw new BerthError('INVALID_ARGUMENT', `cannot add ${source.dir}: not a folder`);
  }
  let unpacked = 0;
  let count = 0;
  async function* generate(): AsyncGenerator<Uint8Array> {
    for (const source of sources) {
      // Hard links are paired within one source: a link across two --add folders is written as two files.
      const seen = new Map<string, string>();
      for await (const item of walk(source.dir, layerPath(source.dest), seen)) {
        options.signal?.throwIfAborted();
        count += 1;
        yield layerEntryHeader(item.entry);
        if (item.entry.type === 'file') {
          unpacked += item.entry.size;
          yield* fileBytes(item.diskPath, item.stats, options.signal);
          yield padding(item.entry.size);
        }
      }
    }
    yield Buffer.alloc(1024);
  }
  return { stream: generate(), unpackedSize: () => unpacked, entries: () => count };
}

/** `/srv/app/` → `srv/app`; `/` → `` (the layer's root). Refuses `..` so nothing lands outside the image. */
export function layerPath(dest: string): string {
  const normalised = path.posix.normalize(`/${dest}`);
  if (dest.split('/').includes('..')) throw new BerthError('INVALID_ARGUMENT', `destination ${dest} must not contain ".."`);
  return normalised.replace(/^\/+/, '').replace(/\/+$/, '');
}

interface WalkItem {
  entry: LayerEntry;
  diskPath: string;
  stats: BigIntStats;
}

async function* walk(diskPath: string, name: string, seen: Map<string, string>): AsyncGenerator<WalkItem> {
  const stats = await lstat(diskPath, { bigint: true });
  const base = {
    mode: Number(stats.mode & 0o7777n),
    uid: Number(stats.uid),
    gid: Number(stats.gid),
    mtime: Number(stats.mtimeMs / 1000n),
  };
  if (stats.isDirectory()) {
    // The add's root folder at `/` is the layer root itself: docker writes no entry for it.
    if (name !== '') yield { entry: { ...base, name, type: 'directory', size: 0 }, diskPath, stats };
    const children = (await readdir(diskPath)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const child of children) yield* walk(path.join(diskPath, child), name === '' ? child : `${name}/${child}`, seen);
    return;
  }
  if (name === '') throw new BerthError('INVALID_ARGUMENT', `cannot add ${diskPath} at /: only a folder can be the image's root`);
  if (stats.isSymbolicLink()) {
    yield { entry: { ...base, name, type: 'symlink', size: 0, linkname: await readlink(diskPath) }, diskPath, stats };
    return;
  }
  if (stats.isFile()) {
    const key = `${stats.dev}:${stats.ino}`;
    const first = stats.nlink > 1n ? seen.get(key) : undefined;
    if (first !== undefined) {
      yield { entry: { ...base, name, type: 'hardlink', size: 0, linkname: first }, diskPath, stats };
      return;
    }
    if (stats.nlink > 1n) seen.set(key, name);
    yield { entry: { ...base, name, type: 'file', size: Number(stats.size) }, diskPath, stats };
    return;
  }
  if (stats.isFIFO()) {
    yield { entry: { ...base, name, type: 'fifo', size: 0 }, diskPath, stats };
    return;
  }
  const kind = stats.isSocket() ? 'a socket' : stats.isCharacterDevice() ? 'a character device' : stats.isBlockDevice() ? 'a block device' : 'a special file';
  throw new BerthError('INVALID_ARGUMENT', `cannot add ${diskPath}: it is ${kind}, which a layer made from a folder does not carry`);
}

/** The file's bytes, from the very file the walk saw, never through a symlink; exactly the size the header gave. */
async function* fileBytes(diskPath: string, seen: BigIntStats, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  const handle = await open(diskPath, constants.O_RDONLY | constants.O_NOFOLLOW).catch((err: NodeJS.ErrnoException) => {
    throw new BerthError('INVALID_ARGUMENT', `cannot read ${diskPath}: ${err.code === 'ELOOP' ? 'it became a symlink while being added' : err.message}`);
  });
  try {
    const now = await handle.stat({ bigint: true });
    if (now.ino !== seen.ino || now.dev !== seen.dev || now.size !== seen.size) {
      throw new BerthError('INVALID_ARGUMENT', `cannot add ${diskPath}: it changed while being added`);
    }
    let left = Number(seen.size);
    while (left > 0) {
      signal?.throwIfAborted();
      const buffer = Buffer.alloc(Math.min(CHUNK, left));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) throw new BerthError('INVALID_ARGUMENT', `cannot add ${diskPath}: it shrank while being added`);
      left -= bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
