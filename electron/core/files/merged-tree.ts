// An image's filesystem as a runtime presents it: the layers applied in order, as moby's archive.UnpackLayer (and
// containerd's apply onto overlayfs) applies them. A whiteout removes its path with everything below; an opaque
// marker removes what the lower layers put in its folder (what this layer wrote there stays); a missing parent
// folder is made (0755, root), a file replaces whatever was at its path, a folder over a folder keeps the children.
// The same pass records what each layer did (dive's per-layer view): added, modified or removed paths, with the
// bytes each change replaced, which wasted-space accounting needs.
import type { LayerIndex } from './index-format.js';
import { ChangeLog } from './change-log.js';
import type { LayerEntry, LayerEntryKind } from './layer-entry.js';

export interface FileNode {
  name: string;
  parent: FileNode | null;
  /** A folder's children by name; null for everything else. */
  children: Map<string, FileNode> | null;
  entry: LayerEntry;
  /** The layer (0 = base) whose entry this is; -1 for the root and for folders no layer names. */
  layer: number;
  /** The last layer that wrote this node or anything below it. */
  touched: number;
  /** Regular-file bytes at or below (hard links count once, at their target: docker's size). */
  size: number;
  /** Entries below a folder, all levels. */
  descendants: number;
  /** A hard link's target as it stood when the link was made (its data is the target's data). */
  linkTarget?: FileNode;
  /** The last layer that recorded a change here, and that change's number in its log (a second one merges into it). */
  changeLayer?: number;
  changeAt?: number;
}

export type ChangeKind = 'A' | 'M' | 'D';

export interface LayerChange {
  path: string;
  change: ChangeKind;
  kind: LayerEntryKind;
  /** A regular file's bytes as this layer wrote it; 0 for everything else (a folder's total is its changes' sum). */
  size: number;
  /** What the layer replaced or removed there (regular-file bytes at or below). */
  before: number;
  /** The layer's own entry (its metadata then); absent for deletions and for folders made as parents. */
  entry?: LayerEntry;
}

export interface LayerSummary {
  added: number;
  modified: number;
  deleted: number;
  /** Regular-file bytes the layer writes. */
  size: number;
}

export interface MergedImage {
  root: FileNode;
  /** Per layer, in layer order: the paths it changed, in the order it changed them (made on first use). */
  readonly changes: LayerChange[][];
  /** Per layer: its changes counted. */
  summaries: LayerSummary[];
}

const ROOT_ENTRY: LayerEntry = { path: '', kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, mtime: 0, link: '', dataOffset: 0, devmajor: 0, devminor: 0 };

export function mergeLayers(indexes: readonly LayerIndex[]): MergedImage {
  const root = folder('', null, ROOT_ENTRY, -1);
  const logs: ChangeLog[] = [];
  indexes.forEach((index, layer) => {
    const log = new ChangeLog();
    // A path changed twice by one layer (a folder made as a parent, then named) is one change: found through its
    // node, which is cheaper than a map of every path the layer touches.
    const record: Record = (path, change, kind, size, before, entry, node) => {
      if (node?.changeLayer === layer) log.merge(node.changeAt!, change, kind, size, entry);
      else {
        const at = log.add(path, change, kind, size, before, entry);
        if (node) {
          node.changeLayer = layer;
          node.changeAt = at;
        }
      }
    };
    const walk: WalkCache = { dir: null, node: root, walked: '', opaqued: new WeakSet() };
    for (const entry of index.entries) apply(root, entry, layer, record, walk);
    logs.push(log);
  });
  finishSizes(root);
  let changes: LayerChange[][] | undefined;
  return {
    root,
    summaries: logs.map((log) => log.summary()),
    get changes() {
      return (changes ??= logs.map((log) => log.toChanges()));
    },
  };
}

/**
 * The folder the previous entry landed in: a layer lists a folder's entries together, so most entries find their
 * parent here without walking from the root. Forgotten whenever the layer removes or replaces anything.
 */
interface WalkCache {
  dir: string | null;
  node: FileNode;
  walked: string;
  /** The folders this layer made opaque already (see apply). */
  opaqued: WeakSet<FileNode>;
}

type Record = (path: string, change: ChangeKind, kind: LayerEntryKind, size: number, before: number, entry: LayerEntry | undefined, node: FileNode | undefined) => void;

function apply(root: FileNode, entry: LayerEntry, layer: number, record: Record, walk: WalkCache): void {
  if (entry.kind === 'opaque') {
    walk.dir = null;
    const dir = entry.path === '.' ? root : find(root, entry.path);
    // Once a folder is opaque in this layer nothing lower is left in it, and nothing later in the layer can bring
    // anything lower back: a repeated marker changes nothing, and would cost a walk of the folder each time.
    if (!dir?.children || walk.opaqued.has(dir)) return;
    walk.opaqued.add(dir);
    for (const [name, child] of [...dir.children]) {
      const removed = removeLower(child, layer);
      if (removed > 0 || child.touched < layer) {
        const path = pathOf(child);
        const gone = child.touched < layer;
        if (gone) dir.children.delete(name);
        record(path, gone ? 'D' : 'M', child.entry.kind, 0, removed, undefined, gone ? undefined : child);
      }
    }
    markTouched(dir, layer);
    return;
  }
  const slash = entry.path.lastIndexOf('/');
  const dirPath = slash === -1 ? '' : entry.path.slice(0, slash);
  const base = entry.path.slice(slash + 1);
  let parent: FileNode;
  let walked: string;
  if (walk.dir === dirPath) {
    parent = walk.node;
    walked = walk.walked;
  } else {
    ({ parent, walked } = walkTo(root, dirPath, entry, layer, record));
    Object.assign(walk, { dir: dirPath, node: parent, walked });
  }
  // Where the entry lands: its own path unless a symlink on the way led elsewhere.
  const at = walked === dirPath ? entry.path : walked === '' ? base : `${walked}/${base}`;
  const existing = parent.children!.get(base);
  if (entry.kind === 'whiteout') {
    if (!existing) return;
    walk.dir = null;
    parent.children!.delete(base);
    markTouched(parent, layer);
    record(at, 'D', existing.entry.kind, 0, subtreeSize(existing), undefined, undefined);
    return;
  }
  const change: ChangeKind = existing ? 'M' : 'A';
  // A folder over a folder replaces nothing: its subtree is not walked (layers restate /usr, /usr/lib… each time).
  const keepsFolder = entry.kind === 'dir' && existing?.children != null;
  const before = existing && !keepsFolder ? subtreeSize(existing) : 0;
  let node: FileNode;
  if (keepsFolder) {
    node = existing!;
    existing!.entry = entry;
    existing!.layer = layer;
    markTouched(existing!, layer);
  } else {
    if (existing) walk.dir = null; // a replaced folder may be the one remembered, or hold it
    node = entry.kind === 'dir' ? folder(base, parent, entry, layer) : leaf(base, parent, entry, layer);
    if (existing?.changeLayer === layer) Object.assign(node, { changeLayer: layer, changeAt: existing.changeAt });
    if (entry.kind === 'hardlink') {
      node.linkTarget = resolveHardLink(findThroughLinks(root, entry.link));
      // link(2) refuses a folder (EPERM; dockerd fails such a layer): the folder keeps its own metadata, and the
      // link stays a link to nothing readable (the export skips it).
      if (node.linkTarget && !node.linkTarget.children) linkMetadata(node.linkTarget, entry);
    }
    parent.children!.set(base, node);
    markTouched(node, layer);
  }
  record(at, change, entry.kind, entry.kind === 'file' ? entry.size : 0, before, entry, node);
}

/** The folder `dirPath` names, made where missing (and recorded as this layer's), symlinked folders followed. */
function walkTo(root: FileNode, dirPath: string, entry: LayerEntry, layer: number, record: Record): { parent: FileNode; walked: string } {
  let parent = root;
  let walked = '';
  if (dirPath === '') return { parent, walked };
  for (const name of dirPath.split('/')) {
    let next = parent.children!.get(name);
    // A symlink on the way is followed inside the image, as moby's applier (chrooted in the layer) follows it:
    // `lnk -> /opt` then `lnk/x` writes /opt/x (measured against dockerd, merged-view.docker.test.ts); containerd
    // resolves it inside the root too. One that leads to no folder fails the layer in dockerd; here it is replaced.
    if (next?.entry.kind === 'symlink') {
      const target = followLink(root, parent, next.entry.link, { left: MAX_LINK_HOPS });
      if (target) {
        parent = target;
        walked = pathOf(target);
        continue;
      }
    }
    walked = walked === '' ? name : `${walked}/${name}`;
    if (!next?.children) {
      const before = next ? subtreeSize(next) : 0;
      // moby's UnpackLayer makes a missing parent with MkdirAll(parent, 0600): a container of dockerd shows 0600
      // there (merged-view.docker.test.ts). containerd's applier would make it 0755.
      next = folder(name, parent, { ...ROOT_ENTRY, path: walked, mode: 0o600, mtime: entry.mtime }, layer);
      parent.children!.set(name, next);
      record(walked, before > 0 ? 'M' : 'A', 'dir', 0, before, undefined, next);
    }
    parent = next;
  }
  return { parent, walked };
}

/** Symlinks followed in one lookup, in all (the kernel's MAXSYMLINKS; ELOOP past it). */
const MAX_LINK_HOPS = 40;

/**
 * The folder a symlink in `from` leads to, inside the image (`..` stops at the root, as in a chroot); or undefined.
 * `budget` is shared by the whole lookup, nested links included: a limit on depth alone lets `l2 -> l1/l1/l1`,
 * `l1 -> l0/l0/l0` fan out exponentially (a few dozen links would take longer than the universe has).
 */
function followLink(root: FileNode, from: FileNode, target: string, budget: { left: number }): FileNode | undefined {
  if (budget.left-- <= 0) return undefined;
  let node: FileNode = target.startsWith('/') ? root : from;
  for (const part of partsOf(target)) {
    if (part === '..') {
      node = node.parent ?? root;
      continue;
    }
    const child = node.children?.get(part);
    if (!child) return undefined;
    if (child.entry.kind === 'symlink') {
      const next = followLink(root, node, child.entry.link, budget);
      if (!next) return undefined;
      node = next;
    } else node = child;
  }
  return node.children ? node : undefined;
}

const PARTS_KEPT = 4096;
const partsMemo = new Map<string, readonly string[]>();

/**
 * A link target's names without `` and `.` (which change nothing), split once per target: a layer's entries pass
 * through the same links again and again, and a target may be 4 KiB of `./` (every entry then split 2,000 names
 * per link followed, 40 links deep).
 */
function partsOf(target: string): readonly string[] {
  let parts = partsMemo.get(target);
  if (!parts) {
    parts = target.split('/').filter((part) => part !== '' && part !== '.');
    if (partsMemo.size >= PARTS_KEPT) partsMemo.clear();
    partsMemo.set(target, parts);
  }
  return parts;
}

/** The node at `path`, symlinked folders on the way followed (the last name is not), as link(2) finds a target. */
function findThroughLinks(root: FileNode, path: string): FileNode | undefined {
  const names = path.split('/').filter((name) => name !== '');
  const last = names.pop();
  if (last === undefined) return root;
  const parent = followLink(root, root, names.join('/'), { left: MAX_LINK_HOPS + 1 });
  return parent?.children?.get(last);
}

/** Removes what layers below `layer` left under `node`; returns the regular-file bytes removed. */
function removeLower(node: FileNode, layer: number): number {
  if (node.touched < layer) return subtreeSize(node);
  let removed = 0;
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    if (!current.children) continue;
    for (const [name, child] of [...current.children]) {
      if (child.touched < layer) {
        removed += subtreeSize(child);
        current.children.delete(name);
      } else stack.push(child);
    }
  }
  return removed;
}

/**
 * The link's header is applied to the one inode both names share, as moby's createTarFile applies it: owner always
 * (Lchown), mode and time unless the target is a symlink (measured: a container of dockerd shows the link header's
 * mode and owner on both names; merged-view.docker.test.ts). A new object: the index's own entries stay as read.
 */
function linkMetadata(target: FileNode, link: LayerEntry): void {
  const keepsMode = target.entry.kind === 'symlink';
  target.entry = {
    ...target.entry,
    uid: link.uid,
    gid: link.gid,
    mode: keepsMode ? target.entry.mode : link.mode,
    mtime: keepsMode ? target.entry.mtime : link.mtime,
  };
}

function resolveHardLink(target: FileNode | undefined): FileNode | undefined {
  return target?.linkTarget ?? target;
}

// Every node gets every field at once, in one order: one object shape for all, which V8 keeps fast.
function folder(name: string, parent: FileNode | null, entry: LayerEntry, layer: number): FileNode {
  return { name, parent, children: new Map(), entry, layer, touched: layer, size: 0, descendants: 0, linkTarget: undefined, changeLayer: -1, changeAt: 0 };
}

function leaf(name: string, parent: FileNode, entry: LayerEntry, layer: number): FileNode {
  return { name, parent, children: null, entry, layer, touched: layer, size: entry.kind === 'file' ? entry.size : 0, descendants: 0, linkTarget: undefined, changeLayer: -1, changeAt: 0 };
}

function markTouched(node: FileNode | null, layer: number): void {
  for (let at = node; at && at.touched < layer; at = at.parent) at.touched = layer;
}

/** Regular-file bytes at or below `node`, counted now (sizes are only kept once the merge is finished). */
export function subtreeSize(node: FileNode): number {
  if (!node.children) return node.entry.kind === 'file' ? node.entry.size : 0;
  let total = 0;
  const stack = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    for (const child of current.children!.values()) {
      if (child.children) stack.push(child);
      else if (child.entry.kind === 'file') total += child.entry.size;
    }
  }
  return total;
}

/** Fills in `size` and `descendants` bottom-up, without recursion (a hostile layer can nest very deep). */
function finishSizes(root: FileNode): void {
  const order: FileNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    if (node.children) for (const child of node.children.values()) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (!node.children) continue;
    let size = 0;
    let descendants = 0;
    for (const child of node.children.values()) {
      size += child.size;
      descendants += 1 + child.descendants;
    }
    node.size = size;
    node.descendants = descendants;
  }
}

/** The node at `path` (no links followed), or undefined. `''` is the root. */
export function find(root: FileNode, path: string): FileNode | undefined {
  if (path === '' || path === '/') return root;
  let node: FileNode | undefined = root;
  for (const name of path.replace(/^\/+/, '').split('/')) {
    if (name === '') continue;
    node = node.children?.get(name);
    if (!node) return undefined;
  }
  return node;
}

export function pathOf(node: FileNode): string {
  const names: string[] = [];
  for (let at: FileNode | null = node; at && at.parent; at = at.parent) names.push(at.name);
  return names.reverse().join('/');
}
