// dive's image efficiency score, computed as dive computes it (github.com/wagoodman/dive, dive/filetree/efficiency.go
// with file_tree.go's AddPath/Stack and image_archive.go's processLayerTar), so the figure Berth shows is the one a
// user of dive knows:
//
// - Each layer is a tree of its own entries (dive's per-layer FileTree): an entry's parents are made as empty nodes
//   (no size, not folders) unless the layer names them; a path named twice in one layer keeps its last entry; a
//   whiteout `.wh.X` is a node of its own; opaque markers (`.wh..wh..opq`) are skipped, as dive's AddPath skips them.
// - Every leaf of every layer (a node with no children in that layer: files, links, empty folders, whiteouts) is an
//   occurrence of its path. Its size is the tar header's size, but a whiteout's is what it removes: when the path is a
//   folder in the layers below stacked (dive's StackTreeRange: whiteouts applied, opaque markers not, and every node
//   of a layer copied, so a made-up parent's empty info replaces a folder's), every size in that folder summed;
//   otherwise 0 (removing a file costs its first occurrence, which now counts in full).
// - Per path: the cumulative size of its occurrences and the smallest one. score = Σ smallest / Σ cumulative (1 when
//   the sum is 0), and "potential wasted space" = Σ cumulative of the paths that occur more than once.
//
// Where Berth differs (all on layers dive would misread or refuse): a whiteout of a path absent below counts 0 (dive
// stops scoring that layer there); a whiteout in the base layer counts 0 (dive looks it up in the base layer itself);
// pax global headers are skipped (dive refuses the image). Berth's own wasted bytes (wasted-space.ts) are measured on
// the merged view instead, where opaque folders do remove, and removing a folder does count.
import type { LayerIndex } from './index-format.js';
import type { LayerEntry } from './layer-entry.js';

export interface DiveEfficiency {
  score: number;
  /** dive's "potential wasted space". */
  wastedBytes: number;
  /** Paths that occur more than once (dive's inefficiencies list). */
  inefficientPaths: number;
}

interface DiveNode {
  children: Map<string, DiveNode> | null;
  /** As dive's FileInfo: a folder when its own tar entry says so (made-up parents are not). */
  isDir: boolean;
  size: number;
}

const WHITEOUT = '.wh.';

export function diveEfficiency(indexes: readonly LayerIndex[]): DiveEfficiency {
  const stats = new Map<string, PathStats>();
  const stacked = node(false, 0);
  indexes.forEach((index, layer) => {
    const tree = layerTree(index.entries);
    countLeaves(tree, layer === 0 ? null : stacked, stats);
    stack(stacked, tree);
  });
  let minimum = 0;
  let cumulative = 0;
  let wastedBytes = 0;
  let inefficientPaths = 0;
  for (const data of stats.values()) {
    minimum += data.min;
    cumulative += data.cumulative;
    if (data.count > 1) {
      wastedBytes += data.cumulative;
      inefficientPaths++;
    }
  }
  return { score: cumulative === 0 ? 1 : minimum / cumulative, wastedBytes, inefficientPaths };
}

interface PathStats {
  cumulative: number;
  min: number;
  count: number;
}

/**
 * Every leaf of one layer's tree as an occurrence of its path (dive's visitor; the order of visits changes no sum).
 * `below` is the layers under it stacked, walked alongside so a whiteout finds what it removes at once; for the base
 * layer there is none (dive would look the path up in the base layer itself: Berth counts 0).
 */
function countLeaves(tree: DiveNode, below: DiveNode | null, stats: Map<string, PathStats>): void {
  const pending: Array<{ at: DiveNode; under: DiveNode | undefined; path: string }> = [{ at: tree, under: below ?? undefined, path: '' }];
  while (pending.length > 0) {
    const { at, under, path } = pending.pop()!;
    if (!at.children) continue;
    for (const [name, child] of at.children) {
      if (child.children) {
        pending.push({ at: child, under: under?.children?.get(name), path: `${path}/${name}` });
      } else if (name.startsWith(WHITEOUT)) {
        const gone = name.slice(WHITEOUT.length);
        occurs(stats, `${path}/${gone}`, below === null ? 0 : folderBytes(under?.children?.get(gone)));
      } else {
        occurs(stats, `${path}/${name}`, child.size);
      }
    }
  }
}

function occurs(stats: Map<string, PathStats>, path: string, size: number): void {
  const data = stats.get(path);
  if (!data) stats.set(path, { cumulative: size, min: size, count: 1 });
  else {
    data.cumulative += size;
    if (size < data.min) data.min = size;
    data.count++;
  }
}

function node(isDir: boolean, size: number): DiveNode {
  return { children: null, isDir, size };
}

/** One layer's tree as processLayerTar builds it with AddPath. */
function layerTree(entries: readonly LayerEntry[]): DiveNode {
  const root = node(true, 0);
  for (const entry of entries) {
    if (entry.kind === 'opaque') {
      if (entry.path !== '.') walk(root, entry.path.split('/'));
      continue;
    }
    const names = entry.path.split('/');
    if (entry.kind === 'whiteout') names[names.length - 1] = WHITEOUT + names[names.length - 1]!;
    const target = walk(root, names);
    target.isDir = entry.kind === 'dir';
    target.size = entry.size;
  }
  return root;
}

/** The node at `names` below `root`, made (empty) where missing, as AddPath makes intermediate nodes. */
function walk(root: DiveNode, names: readonly string[]): DiveNode {
  let at = root;
  for (const name of names) at = childOf(at, name);
  return at;
}

/**
 * Stacks a layer's tree onto the tree of the layers below, as FileTree.Stack does: whiteouts remove, every other node
 * is added (made where missing) and takes the layer's info, made-up parents' empty info included. dive visits the
 * layer's nodes children first, names in byte order; the order only matters between a whiteout and a node of the same
 * folder, so only a folder holding a whiteout is sorted (JavaScript compares UTF-16 units where Go compares UTF-8
 * bytes: they disagree only between astral characters and U+E000–U+FFFF).
 */
function stack(lower: DiveNode, upper: DiveNode): void {
  const pending: Array<{ from: DiveNode; into: DiveNode }> = [{ from: upper, into: lower }];
  while (pending.length > 0) {
    const { from, into } = pending.pop()!;
    if (!from.children) continue;
    const names = [...from.children.keys()];
    if (names.some((name) => name.startsWith(WHITEOUT))) names.sort();
    for (const name of names) {
      const child = from.children.get(name)!;
      if (name.startsWith(WHITEOUT)) {
        // Entries below a whiteout's name (no runtime writes them) are added under that literal name, as dive does.
        if (child.children) pending.push({ from: child, into: childOf(into, name) });
        into.children?.delete(name.slice(WHITEOUT.length));
        continue;
      }
      const target = childOf(into, name);
      target.isDir = child.isDir;
      target.size = child.size;
      if (child.children) pending.push({ from: child, into: target });
    }
  }
}

function childOf(parent: DiveNode, name: string): DiveNode {
  parent.children ??= new Map();
  let child = parent.children.get(name);
  if (!child) {
    child = node(false, 0);
    parent.children.set(name, child);
  }
  return child;
}

/** What a whiteout removes, as dive sizes it: a folder's sizes summed (its own included), anything else 0. */
function folderBytes(gone: DiveNode | undefined): number {
  if (!gone?.isDir) return 0;
  let total = 0;
  const pending = [gone];
  while (pending.length > 0) {
    const at = pending.pop()!;
    total += at.size;
    if (at.children) for (const child of at.children.values()) pending.push(child);
  }
  return total;
}
