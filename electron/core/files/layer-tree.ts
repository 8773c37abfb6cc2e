// One layer's changes as a tree (dive's per-layer view): every path the layer added, modified or deleted, with the
// folders above them, which are marked only when the layer changed the folder itself. Built once per merged image
// and layer, on first use.
import type { LayerChange, MergedImage } from './merged-tree.js';

export interface ChangeNode {
  name: string;
  path: string;
  children: Map<string, ChangeNode>;
  change?: LayerChange;
  /** Regular-file bytes the layer writes at or below (for a deletion: the bytes it removes). */
  size: number;
  descendants: number;
}

const memo = new WeakMap<MergedImage, Map<number, ChangeNode>>();

export function layerTree(merged: MergedImage, layer: number): ChangeNode {
  let perImage = memo.get(merged);
  if (!perImage) memo.set(merged, (perImage = new Map()));
  let tree = perImage.get(layer);
  if (!tree) perImage.set(layer, (tree = build(merged.changes[layer] ?? [])));
  return tree;
}

function build(changes: readonly LayerChange[]): ChangeNode {
  const root: ChangeNode = { name: '', path: '', children: new Map(), size: 0, descendants: 0 };
  for (const change of changes) {
    let node = root;
    for (const name of change.path === '.' ? [] : change.path.split('/')) {
      let next = node.children.get(name);
      if (!next) {
        next = { name, path: node.path === '' ? name : `${node.path}/${name}`, children: new Map(), size: 0, descendants: 0 };
        node.children.set(name, next);
      }
      node = next;
    }
    node.change = change;
  }
  // Bottom-up totals without recursion.
  const order: ChangeNode[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    for (const child of node.children.values()) stack.push(child);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    let size = node.change ? (node.change.change === 'D' ? node.change.before : node.change.size) : 0;
    let descendants = 0;
    for (const child of node.children.values()) {
      size += child.size;
      descendants += 1 + child.descendants;
    }
    node.size = size;
    node.descendants = descendants;
  }
  return root;
}
