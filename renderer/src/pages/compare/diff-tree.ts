// The diff's changed paths as a tree (the service sends them flat, sorted by path, with every folder between them
// listed), each folder adding up its children's sizes, and the rows the virtualised list shows for a set of open
// folders, a text filter and the A/C/D kinds asked for.
import type { DiffChangeKind, DiffFacts, ImageDiffChange } from '../../../../shared/api';

export interface DiffNode {
  name: string;
  path: string;
  depth: number;
  /** Absent for a folder the diff does not list (it never happens for a diff the service made; kept for safety). */
  change?: ImageDiffChange;
  children: DiffNode[];
  /** Regular-file bytes at or below, before and after, and the difference. */
  sizeBefore: number;
  size: number;
  delta: number;
  /** Own changes at or below (folders listed only for what is inside them do not count). */
  changes: number;
}

export interface DiffRow {
  node: DiffNode;
  open: boolean;
  /** The row matches the filter itself (not only shown as the folder above a match). */
  match: boolean;
}

/** The mark a row shows: its own change, none for a folder listed only because something inside it changed. */
export function markOf(node: DiffNode): DiffChangeKind | null {
  return node.change && !node.change.inside ? node.change.kind : null;
}

export function buildDiffTree(changes: readonly ImageDiffChange[]): DiffNode {
  const root: DiffNode = { name: '', path: '', depth: -1, children: [], sizeBefore: 0, size: 0, delta: 0, changes: 0 };
  const byPath = new Map<string, DiffNode>([['', root]]);
  const nodeAt = (path: string): DiffNode => {
    let node = byPath.get(path);
    if (node) return node;
    const slash = path.lastIndexOf('/');
    const parent = nodeAt(path.slice(0, slash));
    node = { name: path.slice(slash + 1), path, depth: parent.depth + 1, children: [], sizeBefore: 0, size: 0, delta: 0, changes: 0 };
    parent.children.push(node);
    byPath.set(path, node);
    return node;
  };
  for (const change of changes) nodeAt(change.path).change = change;
  // Bottom-up totals without recursion: parents are created before their children, so reverse creation order works.
  const order = [...byPath.values()];
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (node.change) {
      node.sizeBefore += node.change.sizeBefore;
      node.size += node.change.size;
      if (!node.change.inside) node.changes += 1;
    }
    node.delta = node.size - node.sizeBefore;
    const parent = node === root ? undefined : byPath.get(node.path.slice(0, node.path.lastIndexOf('/')));
    if (parent) {
      parent.sizeBefore += node.sizeBefore;
      parent.size += node.size;
      parent.changes += node.changes;
    }
    node.children.sort(folderFirst);
  }
  return root;
}

function isFolder(node: DiffNode): boolean {
  return node.children.length > 0 || node.change?.type === 'dir';
}

function folderFirst(x: DiffNode, y: DiffNode): number {
  return Number(isFolder(y)) - Number(isFolder(x)) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
}

/** Folders open at first: all of them for a small diff, else the first level only. */
export function initiallyOpen(root: DiffNode, allUpTo = 400): Set<string> {
  const open = new Set<string>();
  const stack = [...root.children];
  let count = 0;
  const all: string[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    count++;
    if (node.children.length > 0) {
      all.push(node.path);
      stack.push(...node.children);
    }
  }
  if (count <= allUpTo) return new Set(all);
  for (const node of root.children) if (node.children.length > 0) open.add(node.path);
  return open;
}

export interface RowFilter {
  /** A path fragment, case-insensitive; empty for none. */
  text: string;
  /** The kinds shown; all three when none is picked. */
  kinds: ReadonlySet<DiffChangeKind>;
}

/**
 * The rows to draw, depth first. Without a filter, what the open folders show. With one, every path that matches
 * (its text in the path, its own mark among `kinds`) with the folders above it, open, so each match is in view.
 */
export function visibleRows(root: DiffNode, open: ReadonlySet<string>, filter: RowFilter): DiffRow[] {
  const rows: DiffRow[] = [];
  const filtering = filter.text.trim() !== '' || filter.kinds.size < 3;
  if (!filtering) {
    const stack = [...root.children].reverse();
    while (stack.length > 0) {
      const node = stack.pop()!;
      const isOpen = open.has(node.path);
      rows.push({ node, open: isOpen, match: true });
      if (isOpen) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
    return rows;
  }
  const text = filter.text.trim().toLowerCase();
  const matches = (node: DiffNode) => {
    const mark = markOf(node);
    return mark !== null && filter.kinds.has(mark) && (text === '' || node.path.toLowerCase().includes(text));
  };
  // Whether anything at or below each node matches, computed bottom-up once.
  const keep = new Set<DiffNode>();
  const order: DiffNode[] = [];
  const stack = [...root.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    stack.push(...node.children);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (matches(node) || node.children.some((child) => keep.has(child))) keep.add(node);
  }
  const walk = [...root.children].reverse();
  while (walk.length > 0) {
    const node = walk.pop()!;
    if (!keep.has(node)) continue;
    const below = node.children.filter((child) => keep.has(child));
    rows.push({ node, open: below.length > 0, match: matches(node) });
    for (let i = below.length - 1; i >= 0; i--) walk.push(below[i]!);
  }
  return rows;
}

/** `+1.2MB` / `−300kB` / `0B`, with docker's size words. */
export function signedSize(delta: number, human: (bytes: number) => string): string {
  if (delta === 0) return human(0);
  return delta > 0 ? `+${human(delta)}` : `−${human(-delta)}`;
}

/** Growth and shrinkage look different (colour is never the only sign: the number has its + or −). */
export function deltaClass(delta: number): string {
  return delta > 0 ? 'delta-up' : delta < 0 ? 'delta-down' : 'delta-zero';
}

const TYPE_WORDS: Record<DiffFacts['type'], string> = {
  file: 'file', dir: 'folder', symlink: 'symlink', hardlink: 'hard link', char: 'character device', block: 'block device', fifo: 'FIFO',
};

/** What changed at a path, in words: `permissions 644 → 600`, `owner 0:0 → 1000:1000`, `link a → b`. */
export function describeChange(change: ImageDiffChange): string[] {
  const { was, now } = change;
  return (change.fields ?? []).map((field) => {
    if (!was || !now) return field;
    switch (field) {
      case 'type':
        return `${TYPE_WORDS[was.type]} → ${TYPE_WORDS[now.type]}`;
      case 'mode':
        return `permissions ${octal(was.mode)} → ${octal(now.mode)}`;
      case 'owner':
        return `owner ${was.uid}:${was.gid} → ${now.uid}:${now.gid}`;
      case 'mtime':
        return `modified ${when(was.mtime)} → ${when(now.mtime)}`;
      case 'link':
        return `link ${was.link ?? ''} → ${now.link ?? ''}`;
      case 'device':
        return 'device numbers';
      case 'size':
        return 'size';
    }
    return field;
  });
}

function octal(mode: number): string {
  return mode.toString(8).padStart(3, '0');
}

/** UTC, to the second: a change of mtime may be a second's. */
function when(seconds: number): string {
  const date = new Date(Math.floor(seconds) * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().slice(0, 19).replace('T', ' ');
}
