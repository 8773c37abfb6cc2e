// The tree as the rows on screen: the open folders' entries, depth first, each with what the tree pattern needs
// (level, position among siblings). Only folders that were opened and loaded contribute, so the row count is what
// the user unfolded, never the image's 100,000 files.
import type { ImageFileEntry } from '../../../../../shared/api';

export type Folder = { state: 'loading' } | { state: 'done'; entries: ImageFileEntry[] } | { state: 'error'; message: string };

export interface TreeRow {
  entry: ImageFileEntry;
  /** 0 for the root's entries. */
  depth: number;
  /** A folder with entries: it has a disclosure triangle. */
  expandable: boolean;
  expanded: boolean;
  /** The folder's listing is on its way, or failed (shown on its row). */
  folder?: Folder;
  /** 1-based, among its siblings (aria-posinset / aria-setsize). */
  position: number;
  siblings: number;
}

export function isExpandable(entry: ImageFileEntry): boolean {
  return entry.kind === 'dir' && entry.children > 0;
}

/** The rows under `root`, depth first; a folder's children follow it when it is expanded and listed. */
export function flattenTree(root: string, folder: (path: string) => Folder | undefined, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const top = folder(root);
  if (top?.state !== 'done') return rows;
  // An explicit stack (not recursion): a path can be hundreds of folders deep in a hostile image.
  const stack: Array<{ entries: ImageFileEntry[]; index: number; depth: number }> = [{ entries: top.entries, index: 0, depth: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index === frame.entries.length) {
      stack.pop();
      continue;
    }
    const entry = frame.entries[frame.index++]!;
    const expandable = isExpandable(entry);
    const open = expandable && expanded.has(entry.path);
    const listing = open ? folder(entry.path) : undefined;
    const row: TreeRow = { entry, depth: frame.depth, expandable, expanded: open && listing?.state === 'done', position: frame.index, siblings: frame.entries.length };
    if (listing && listing.state !== 'done') row.folder = listing;
    rows.push(row);
    if (listing?.state === 'done' && listing.entries.length > 0) stack.push({ entries: listing.entries, index: 0, depth: frame.depth + 1 });
  }
  return rows;
}

/** `/usr/lib/x` → `/usr/lib`; `/usr` → `/`. */
export function parentPath(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

/** The folders to open, outermost first, for `path` to be a row: `/usr/lib/x` → `/usr`, `/usr/lib`. */
export function foldersAbove(path: string): string[] {
  const names = path.split('/').filter(Boolean);
  return names.slice(0, -1).map((_, i) => `/${names.slice(0, i + 1).join('/')}`);
}

/** The last path segment; `/` for the root. */
export function baseName(path: string): string {
  return path.split('/').filter(Boolean).at(-1) ?? '/';
}
