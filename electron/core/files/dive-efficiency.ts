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
  const stats = new Map<string, { cumulative: number; min: number; count: number }>();
  const stacked = node(false, 0);
  indexes.forEach((index, layer) => {
    const tree = layerTree(index.entries);
    visitChildFirst(tree, (path, name, current) => {
      if (current.children && current.children.size > 0) return;
      const whiteout = name.startsWith(WHITEOUT);
      const key = whiteout ? path.slice(0, path.length - name.length) + name.slice(WHITEOUT.length) : path;
      const size = whiteout ? (layer === 0 ? 0 : removedBytes(stacked, key)) : current.size;
      const data = stats.get(key);
      if (!data) stats.set(key, { cumulative: size, min: size, count: 1 });
      else {
        data.cumulative += size;
        data.min = Math.min(data.min, size);
        data.count++;
      }
    });
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
  for (const name of names) {
    at.children ??= new Map();
    let next = at.children.get(name);
    if (!next) {
      next = node(false, 0);
      at.children.set(name, next);
    }
    at = next;
  }
  return at;
}

/**
 * Visits every node below `root` children first, names in byte order (dive's VisitDepthChildFirst with ByName), with
 * its path (`/a/b`, whiteouts keeping their prefix) and name; iterative, as a hostile layer can nest very deep.
 */
function visitChildFirst(root: DiveNode, visit: (path: string, name: string, node: DiveNode) => void): void {
  const stack: Array<{ node: DiveNode; path: string; name: string; expanded: boolean }> = [{ node: root, path: '', name: '', expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.expanded || !top.node.children) {
      stack.pop();
      if (top.node !== root) visit(top.path, top.name, top.node);
      continue;
    }
    top.expanded = true;
    // Go sorts by UTF-8 bytes, JavaScript by UTF-16 units: they disagree only between astral characters and
    // U+E000–U+FFFF, and the order only decides which comes first of a whiteout and a new entry of one layer.
    const names = [...top.node.children.keys()].sort().reverse();
    for (const name of names) stack.push({ node: top.node.children.get(name)!, path: `${top.path}/${name}`, name, expanded: false });
  }
}

/** Stacks a layer's tree onto the tree of the layers below, as FileTree.Stack does: whiteouts remove, the rest add. */
function stack(lower: DiveNode, upper: DiveNode): void {
  visitChildFirst(upper, (path, name, current) => {
    const names = path.slice(1).split('/');
    if (name.startsWith(WHITEOUT)) {
      names[names.length - 1] = name.slice(WHITEOUT.length);
      const parent = find(lower, names.slice(0, -1));
      parent?.children?.delete(names[names.length - 1]!);
      return;
    }
    const target = walk(lower, names);
    target.isDir = current.isDir;
    target.size = current.size;
  });
}

function find(root: DiveNode, names: readonly string[]): DiveNode | undefined {
  let at: DiveNode | undefined = root;
  for (const name of names) {
    at = at.children?.get(name);
    if (!at) return undefined;
  }
  return at;
}

/** What a whiteout at `path` removes, as dive sizes it: a folder's sizes summed, anything else 0. */
function removedBytes(stacked: DiveNode, path: string): number {
  const gone = find(stacked, path.slice(1).split('/'));
  if (!gone?.isDir) return 0;
  let total = 0;
  const pending = [gone];
  while (pending.length > 0) {
    const at = pending.pop()!;
    total += at.size;
    if (at.children) pending.push(...at.children.values());
  }
  return total;
}
