// What one layer changed, kept as columns while the layers are merged: a layer of 100,000 entries would otherwise
// make 100,000 change objects that the Files tab's first answer never reads (it needs the counts only). The
// objects are made on first use (the layer view, wasted space, dive's score).
import type { LayerEntry, LayerEntryKind } from './layer-entry.js';
import type { ChangeKind, LayerChange, LayerSummary } from './merged-tree.js';

export class ChangeLog {
  private readonly paths: string[] = [];
  private readonly codes: ChangeKind[] = [];
  private readonly kinds: LayerEntryKind[] = [];
  private readonly sizes: number[] = [];
  private readonly befores: number[] = [];
  private readonly entries: Array<LayerEntry | undefined> = [];

  /** Records a change; returns its number, by which a second change of the same path merges into it. */
  add(path: string, change: ChangeKind, kind: LayerEntryKind, size: number, before: number, entry: LayerEntry | undefined): number {
    this.paths.push(path);
    this.codes.push(change);
    this.kinds.push(kind);
    this.sizes.push(size);
    this.befores.push(before);
    this.entries.push(entry);
    return this.paths.length - 1;
  }

  /** The path changed again in the same layer: added then anything but removed stays added. */
  merge(at: number, change: ChangeKind, kind: LayerEntryKind, size: number, entry: LayerEntry | undefined): void {
    this.codes[at] = this.codes[at] === 'A' && change !== 'D' ? 'A' : change;
    this.kinds[at] = kind;
    this.sizes[at] = size;
    this.entries[at] = entry;
  }

  summary(): LayerSummary {
    const summary: LayerSummary = { added: 0, modified: 0, deleted: 0, size: 0 };
    for (let i = 0; i < this.codes.length; i++) {
      const code = this.codes[i];
      if (code === 'A') summary.added++;
      else if (code === 'M') summary.modified++;
      else summary.deleted++;
      if (code !== 'D') summary.size += this.sizes[i]!;
    }
    return summary;
  }

  toChanges(): LayerChange[] {
    return this.paths.map((path, i) => {
      const change: LayerChange = { path, change: this.codes[i]!, kind: this.kinds[i]!, size: this.sizes[i]!, before: this.befores[i]! };
      const entry = this.entries[i];
      if (entry) change.entry = entry;
      return change;
    });
  }
}
