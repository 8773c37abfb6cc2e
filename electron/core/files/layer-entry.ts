// One entry of a layer as the file browser needs it: the tar header's facts, with the name cleaned the way moby's
// archive.UnpackLayer cleans it and the overlay conventions decoded. A whiteout (`.wh.NAME`) becomes a 'whiteout'
// entry for NAME, an opaque marker (`.wh..wh..opq`) an 'opaque' entry for its folder; other `.wh..wh.` names are
// aufs bookkeeping that moby skips, and so do we.
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import type { TarEntry } from '../archive/tar-scan.js';

export type LayerEntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'whiteout' | 'opaque';

export interface LayerEntry {
  /** Cleaned, relative to the image's root, never empty: `etc/passwd`. */
  path: string;
  kind: LayerEntryKind;
  /** Permission bits with setuid/setgid/sticky (07777), as written. */
  mode: number;
  uid: number;
  gid: number;
  /** Bytes of data (regular files only; 0 for everything else). */
  size: number;
  /** Seconds since the epoch, as written. */
  mtime: number;
  /** A symlink's target as written, or a hard link's target path (cleaned like `path`). */
  link: string;
  /** Where the entry's data starts in the uncompressed layer tar (regular files), so it can be read back. */
  dataOffset: number;
  devmajor: number;
  devminor: number;
}

export const WHITEOUT_PREFIX = '.wh.';
export const OPAQUE_MARKER = '.wh..wh..opq';
const AUFS_META_PREFIX = '.wh..wh.';
/**
 * Linux's PATH_MAX less its NUL, and NAME_MAX: no runtime can create a longer path, name or symlink target (moby's
 * applier and containerd's fail such a layer with ENAMETOOLONG), and refusing them bounds the work every later
 * step does per entry: a 1 MiB pax name of 500,000 components made the per-layer tree take minutes.
 */
export const MAX_PATH_BYTES = 4095;
export const MAX_NAME_BYTES = 255;

/**
 * `./usr//bin/` -> `usr/bin`, as filepath.Clean does; null for the root itself. A name that climbs out of the root
 * is refused, as moby's UnpackLayer refuses it ("invalid hardlink"/breakout errors): no runtime would apply it.
 */
export function cleanLayerPath(name: string): string | null {
  const cleaned = path.posix.normalize(name.replace(/^\/+/, ''));
  if (cleaned === '.' || cleaned === './' || cleaned === '') return null;
  const relative = cleaned.replace(/\/+$/, '');
  if (relative === '..' || relative.startsWith('../')) {
    throw new BerthError('INVALID_ARCHIVE', `the layer entry ${JSON.stringify(name)} points outside the image's root (docker refuses such a layer)`);
  }
  if (Buffer.byteLength(relative) > MAX_PATH_BYTES || relative.split('/').some((part) => Buffer.byteLength(part) > MAX_NAME_BYTES)) {
    throw new BerthError('INVALID_ARCHIVE', `the layer entry ${shortName(name)} has a name longer than a file system allows (docker refuses such a layer)`);
  }
  return relative;
}

/** The entry for a tar header, or null for what no runtime shows (the root, aufs metadata, global headers). */
export function layerEntryOf(entry: TarEntry): LayerEntry | null {
  if (entry.type === 'global-header') return null;
  if (entry.name.includes('\u0000')) throw new BerthError('INVALID_ARCHIVE', `the layer entry ${JSON.stringify(entry.name)} has a NUL byte in its name`);
  const cleaned = cleanLayerPath(entry.name);
  if (cleaned === null) return null;
  const slash = cleaned.lastIndexOf('/');
  const base = cleaned.slice(slash + 1);
  const dir = slash === -1 ? '' : cleaned.slice(0, slash);
  const common = { mode: entry.mode & 0o7777, uid: entry.uid, gid: entry.gid, mtime: entry.mtime, devmajor: entry.devmajor, devminor: entry.devminor, size: 0, link: '', dataOffset: 0 };
  if (base === OPAQUE_MARKER) return dir === '' ? { ...common, path: '.', kind: 'opaque' } : { ...common, path: dir, kind: 'opaque' };
  if (base.startsWith(AUFS_META_PREFIX)) return null;
  if (base.startsWith(WHITEOUT_PREFIX)) {
    const gone = base.slice(WHITEOUT_PREFIX.length);
    if (gone === '' || gone === '.' || gone === '..') throw new BerthError('INVALID_ARCHIVE', `the layer entry ${JSON.stringify(entry.name)} is a whiteout of nothing`);
    return { ...common, path: dir === '' ? gone : `${dir}/${gone}`, kind: 'whiteout' };
  }
  switch (entry.type) {
    case 'file':
      return { ...common, path: cleaned, kind: 'file', size: entry.size, dataOffset: entry.offset + 512 };
    case 'directory':
      return { ...common, path: cleaned, kind: 'dir' };
    case 'symlink':
      if (Buffer.byteLength(entry.linkname) > MAX_PATH_BYTES) throw new BerthError('INVALID_ARCHIVE', `the symlink ${shortName(entry.name)} has a target longer than a file system allows (docker refuses such a layer)`);
      return { ...common, path: cleaned, kind: 'symlink', link: entry.linkname };
    case 'link': {
      const target = cleanLayerPath(entry.linkname);
      if (target === null) throw new BerthError('INVALID_ARCHIVE', `the hard link ${JSON.stringify(entry.name)} points at the root folder`);
      return { ...common, path: cleaned, kind: 'hardlink', link: target };
    }
    case 'character-device':
      return { ...common, path: cleaned, kind: 'char' };
    case 'block-device':
      return { ...common, path: cleaned, kind: 'block' };
    case 'fifo':
      return { ...common, path: cleaned, kind: 'fifo' };
    default:
      // Go hands other typeflags on; moby's createTarFile refuses them ("unhandled tar header type").
      throw new BerthError('INVALID_ARCHIVE', `the layer entry ${JSON.stringify(entry.name)} has the unknown tar type ${JSON.stringify(entry.typeflag)}`);
  }
}

/** A name for a message: quoted, and cut short (a hostile name may be a megabyte). */
function shortName(name: string): string {
  return JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);
}
