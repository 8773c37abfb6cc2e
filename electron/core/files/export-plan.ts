// What copying a path out of an image writes, entry by entry, before any byte is read: the subtree of the merged
// view under the path, named from the path's base name as `docker cp CONTAINER:PATH` names it (`/etc` gives `etc`,
// `etc/passwd`…; `/etc/.` gives `.`, `./passwd`…), each entry with its mode, owner and time as the image has them.
//
// Hard links are paired the way docker's tar writer pairs them (by inode, in the order it writes): the first name
// of a file in the export carries the bytes, later names link to it; a link whose other names are all outside the
// export is written as a plain file, so the export stands on its own.
//
// Order: folders always come before what is in them. When every layer's files appear in the walk's order at
// increasing offsets of that layer (layers made by a walk, as docker export and overlay2 write them), the export is
// the walk itself, docker's order, and each layer is read once, front to back (at most 16 at a time). Otherwise
// (layers sorted by whole path, as vfs and many tools write them: `lib.so` before `lib/x`) the walk's order would
// send a layer's reader backwards; then the folders and other metadata entries come first in walk order, the files
// follow grouped by layer in their offset order, and hard links last. A tar reader takes any order that keeps folders before
// their contents and link targets before links, so each layer is still decompressed only once.
import { BerthError } from '../../../shared/errors.js';
import type { ImageFiles } from './image-files.js';
import type { LayerEntry } from './layer-entry.js';
import type { FileNode } from './merged-tree.js';

/** More layers than this read at once in the walk's order: the export is put in layer order instead. */
const MAX_OPEN_LAYERS = 16;

export type ExportKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo';

export interface ExportEntry {
  /** Name in the export: `etc`, `etc/passwd` (`.`, `./passwd` when the path ends in `/.`). */
  name: string;
  kind: ExportKind;
  /** Permission bits with setuid/setgid/sticky, as the image has them. */
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  /** Bytes of a 'file' entry. */
  size: number;
  /** A symlink's target as written (data, never followed), or for 'hardlink' the name of the earlier entry. */
  link: string;
  devmajor: number;
  devminor: number;
  /** Where a 'file' entry's bytes are: the layer and its entry (with the data's offset in the layer's tar). */
  data?: { layer: number; entry: LayerEntry };
}

export interface ExportPlan {
  /** The path asked for, normalised (`/etc`). */
  path: string;
  /** The node copied (the symlink's target when following). */
  node: FileNode;
  entries: ExportEntry[];
  /** Bytes of all 'file' entries. */
  bytes: number;
  /** What the export leaves out, and why. */
  warnings: string[];
  /** The path ends in `/.`: a folder's contents are copied, not the folder (docker cp's rule). */
  contentsOnly: boolean;
  /** Each layer's files in offset order (see above), or the walk's order. */
  order: 'walk' | 'data';
}

export interface PlanOptions {
  /** `docker cp -L`: when the path is a symlink, copy what it points to (under the link's name). */
  follow?: boolean;
  /** Puts the files in layer order even when the walk's order would read each layer once (extraction: order is free). */
  dataOrder?: boolean;
}

/** The path's entries, or NOT_FOUND in docker's words. */
export function planExport(files: ImageFiles, path: string, options: PlanOptions = {}): ExportPlan {
  const names = path.split('/').filter((name) => name !== '');
  const contentsOnly = names.length > 0 && names[names.length - 1] === '.';
  const assertsDir = path.endsWith('/') || contentsOnly;
  const shown = shownPath(path);
  // The daemon follows a final symlink when the path says it is a folder (`link/`, `link/.`); -L always.
  const node = files.resolve(path, { follow: options.follow || assertsDir });
  if (!node) throw new BerthError('NOT_FOUND', `Could not find the file ${shown} in image ${imageName(files)}`);
  if (assertsDir && !node.children) throw new BerthError('INVALID_ARGUMENT', `${shown} in image ${imageName(files)} is not a directory`);
  const lastName = names.filter((name) => name !== '.').pop();
  const base = contentsOnly || node === files.merged.root || lastName === undefined || lastName === '..' ? '.' : lastName;

  const entries: ExportEntry[] = [];
  const warnings: string[] = [];
  const firstName = new Map<FileNode, string>();
  const stack: Array<[FileNode, string]> = [[node, base]];
  while (stack.length > 0) {
    const [current, name] = stack.pop()!;
    const entry = entryOf(current, name, firstName, warnings);
    if (entry) entries.push(entry);
    if (current.children) {
      const children = [...current.children.values()].sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
      for (const child of children) stack.push([child, `${name}/${child.name}`]);
    }
  }
  let bytes = 0;
  for (const entry of entries) bytes += entry.size;
  const order = !options.dataOrder && readsForward(entries) ? 'walk' : 'data';
  return { path: shown, node, entries: order === 'walk' ? entries : dataOrder(entries), bytes, warnings, contentsOnly, order };
}

function entryOf(node: FileNode, name: string, firstName: Map<FileNode, string>, warnings: string[]): ExportEntry | null {
  let source = node;
  if (node.entry.kind === 'hardlink') {
    if (!node.linkTarget) {
      warnings.push(`skipped ${name}: a hard link to /${node.entry.link}, which did not exist when the layer made the link`);
      return null;
    }
    source = node.linkTarget;
  }
  const { entry } = source;
  const common = { name, mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime, size: 0, link: '', devmajor: 0, devminor: 0 };
  switch (entry.kind) {
    case 'dir':
      if (source !== node) {
        warnings.push(`skipped ${name}: a hard link to the folder /${node.entry.link}`);
        return null;
      }
      return { ...common, kind: 'dir' };
    case 'symlink':
    case 'file':
    case 'char':
    case 'block':
    case 'fifo': {
      // One inode, several names: the first name in the export carries it, the others link to that name.
      const first = firstName.get(source);
      if (first !== undefined) return { ...common, kind: 'hardlink', link: first };
      firstName.set(source, name);
      if (entry.kind === 'symlink') return { ...common, kind: 'symlink', link: entry.link };
      if (entry.kind === 'file') return { ...common, kind: 'file', size: entry.size, data: { layer: source.layer, entry } };
      return { ...common, kind: entry.kind, devmajor: entry.devmajor, devminor: entry.devminor };
    }
    default:
      return null; // whiteouts and opaque markers never stay in a merged tree
  }
}

/**
 * Whether the files of each layer come at increasing offsets in the walk's order, with at most MAX_OPEN_LAYERS
 * layers being read at once (a layer's reader stays open from its first file to its last; some decompressors are
 * processes of their own).
 */
function readsForward(entries: readonly ExportEntry[]): boolean {
  const lastOffset = new Map<number, number>();
  const lastIndex = new Map<number, number>();
  for (const [i, entry] of entries.entries()) {
    if (!entry.data) continue;
    if (entry.data.entry.dataOffset < (lastOffset.get(entry.data.layer) ?? -1)) return false;
    lastOffset.set(entry.data.layer, entry.data.entry.dataOffset);
    lastIndex.set(entry.data.layer, i);
  }
  const open = new Set<number>();
  for (const [i, entry] of entries.entries()) {
    if (!entry.data) continue;
    open.add(entry.data.layer);
    if (open.size > MAX_OPEN_LAYERS) return false;
    if (lastIndex.get(entry.data.layer) === i) open.delete(entry.data.layer);
  }
  return true;
}

function dataOrder(entries: readonly ExportEntry[]): ExportEntry[] {
  const meta = entries.filter((entry) => entry.kind !== 'file' && entry.kind !== 'hardlink');
  const data = entries.filter((entry) => entry.kind === 'file');
  data.sort((a, b) => a.data!.layer - b.data!.layer || a.data!.entry.dataOffset - b.data!.entry.dataOffset);
  return [...meta, ...data, ...entries.filter((entry) => entry.kind === 'hardlink')];
}

/** The path as messages show it: `/etc` for `etc/`, `/etc/.` or `/etc`. */
export function shownPath(path: string): string {
  return `/${path.split('/').filter((name) => name !== '' && name !== '.').join('/')}`;
}

export function imageName(files: ImageFiles): string {
  return files.record.reference ?? files.record.id.slice(7, 19);
}
