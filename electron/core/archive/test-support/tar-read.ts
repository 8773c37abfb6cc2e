// Reading a corpus archive with Berth (scanner + root-filesystem rules), and the file tree an unpacker following
// docker's UnpackLayer would make of the entries Berth accepted, in the same notation as a walk of umoci's rootfs.
import { BerthError } from '../../../../shared/errors.js';
import { rootfsEntryChecker } from '../tar-safety.js';
import { TarScanner, type TarEntry } from '../tar-scan.js';
import { components } from '../tar-tree.js';

export function describeEntry(entry: TarEntry): string {
  const link = entry.type === 'link' || entry.type === 'symlink' ? ` -> ${entry.linkname}` : '';
  const size = entry.type === 'file' ? ` ${entry.size}` : '';
  return `${entry.type} ${entry.name}${link}${size}`;
}

/** Berth's reading: the entries it checked and handed on, or the INVALID_ARCHIVE error. */
export function readWithBerth(bytes: Buffer, chunkSize = bytes.length): { entries: TarEntry[] } | { error: BerthError } {
  const entries: TarEntry[] = [];
  const check = rootfsEntryChecker();
  const scanner = new TarScanner((entry) => {
    check(entry);
    entries.push(entry);
  });
  const step = Math.max(chunkSize, 1);
  try {
    for (let at = 0; at < bytes.length; at += step) scanner.push(bytes.subarray(at, at + step));
    scanner.end();
    return { entries };
  } catch (error) {
    if (error instanceof BerthError && error.code === 'INVALID_ARCHIVE') return { error };
    throw error;
  }
}

export interface TreeNode {
  kind: 'dir' | 'file' | 'symlink' | 'fifo' | 'other';
  size?: number;
  target?: string;
  /** Same inode = same number. */
  inode: number;
}

/** "<path> <kind>[ <size>| <target>][ =<first path sharing the inode>]", sorted. */
export function describeTree(tree: ReadonlyMap<string, TreeNode>): string[] {
  const firstByInode = new Map<number, string>();
  for (const path of [...tree.keys()].sort()) if (!firstByInode.has(tree.get(path)!.inode)) firstByInode.set(tree.get(path)!.inode, path);
  return [...tree.entries()]
    .map(([path, node]) => {
      const detail = node.kind === 'file' ? ` ${node.size}` : node.kind === 'symlink' ? ` ${node.target}` : '';
      const first = firstByInode.get(node.inode);
      return `${path} ${node.kind}${detail}${first !== path ? ` =${first}` : ''}`;
    })
    .sort();
}

/** The tree UnpackLayer makes: missing parents become directories, an entry replaces what was at its path and below
 * (a directory over a directory stays), a hard link shares its target's inode, a global header is skipped. */
export function expectedTree(entries: readonly TarEntry[]): Map<string, TreeNode> {
  const tree = new Map<string, TreeNode>();
  let inodes = 0;
  for (const entry of entries) {
    const parts = components(entry.name);
    if (parts.length === 0 || entry.type === 'global-header') continue;
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (!tree.has(parent)) tree.set(parent, { kind: 'dir', inode: ++inodes });
    }
    const path = parts.join('/');
    const existing = tree.get(path);
    if (existing?.kind === 'dir' && entry.type === 'directory') continue;
    for (const key of [...tree.keys()]) if (key === path || key.startsWith(`${path}/`)) tree.delete(key);
    const node: TreeNode =
      entry.type === 'link'
        ? { ...tree.get(components(entry.linkname).join('/'))! }
        : entry.type === 'directory'
          ? { kind: 'dir', inode: ++inodes }
          : entry.type === 'symlink'
            ? { kind: 'symlink', target: entry.linkname, inode: ++inodes }
            : entry.type === 'file'
              ? { kind: 'file', size: entry.size, inode: ++inodes }
              : { kind: entry.type === 'fifo' ? 'fifo' : 'other', inode: ++inodes };
    tree.set(path, node);
  }
  return tree;
}
