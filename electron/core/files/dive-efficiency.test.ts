// dive's own efficiency tests (dive/filetree/efficiency_test.go), ported: the same layers give the same score and
// the same inefficient paths. Then the rules those tests leave out, each worked out by hand.
import { describe, expect, it } from 'vitest';
import { diveEfficiency } from './dive-efficiency.js';
import type { LayerIndex } from './index-format.js';
import type { LayerEntry, LayerEntryKind } from './layer-entry.js';

function entry(path: string, kind: LayerEntryKind, size = 0): LayerEntry {
  return { path, kind, size, mode: 0o644, uid: 0, gid: 0, mtime: 0, link: '', dataOffset: 0, devmajor: 0, devminor: 0 };
}

const layers = (...lists: LayerEntry[][]): LayerIndex[] => lists.map((entries, i) => ({ diffId: `sha256:${String(i).repeat(64)}`, blob: `sha256:${String(i).repeat(64)}`, entries }));

describe("dive's efficiency", () => {
  it("gives TestEfficiency's score: 0.75, with /etc/nginx/nginx.conf (7000 bytes) the one inefficient path", () => {
    const result = diveEfficiency(layers(
      [entry('etc/nginx/nginx.conf', 'file', 2000), entry('etc/nginx/public', 'file', 3000)],
      [entry('etc/nginx/nginx.conf', 'file', 5000), entry('etc/athing', 'file', 10000)],
      [entry('etc/nginx', 'whiteout')],
    ));
    expect(result).toEqual({ score: 0.75, wastedBytes: 7000, inefficientPaths: 1 });
  });

  it("gives TestEfficiency_ScratchImage's score: 1 for layers without bytes", () => {
    expect(diveEfficiency(layers([entry('nothing', 'file', 0)], [], []))).toEqual({ score: 1, wastedBytes: 0, inefficientPaths: 0 });
  });

  it('sizes the whiteout of a folder as everything below it in the layers stacked, when dive sees a folder there', () => {
    const base = [entry('etc/nginx', 'dir'), entry('etc/nginx/nginx.conf', 'file', 2000), entry('etc/nginx/public', 'file', 3000)];
    const whiteout = [entry('etc/nginx', 'whiteout')];
    // Layer 1 names the folder too (as docker writes a changed folder's parents): stacked below the whiteout,
    // nginx.conf is layer 1's 5000 and public 3000, so the whiteout counts 8000.
    // Σmin = 2000 + 3000 + 10000 + 8000; Σcumulative = 7000 + 3000 + 10000 + 8000.
    const named = [entry('etc/nginx', 'dir'), entry('etc/nginx/nginx.conf', 'file', 5000), entry('etc/athing', 'file', 10000)];
    expect(diveEfficiency(layers(base, named, whiteout))).toEqual({ score: 23000 / 28000, wastedBytes: 7000, inefficientPaths: 1 });
    // dive's Stack copies every node of the upper layer's tree, made-up parents included: their empty info replaces
    // the folder's, so to dive /etc/nginx is no longer a folder and its whiteout counts 0 (TestEfficiency's case).
    const unnamed = [entry('etc/nginx/nginx.conf', 'file', 5000), entry('etc/athing', 'file', 10000)];
    expect(diveEfficiency(layers(base, unnamed, whiteout))).toEqual({ score: 0.75, wastedBytes: 7000, inefficientPaths: 1 });
  });

  it('ignores opaque markers and keeps the last entry of a path written twice in one layer', () => {
    const result = diveEfficiency(layers(
      [entry('o', 'dir'), entry('o/x', 'file', 400), entry('f', 'file', 300), entry('f', 'file', 700)],
      [entry('o', 'dir'), entry('o', 'opaque'), entry('o/z', 'file', 50)],
    ));
    expect(result).toEqual({ score: 1, wastedBytes: 0, inefficientPaths: 0 });
  });

  it('counts an empty folder in two layers as a path occurring twice, costing nothing', () => {
    expect(diveEfficiency(layers([entry('tmp', 'dir'), entry('a', 'file', 10)], [entry('tmp', 'dir')]))).toEqual({ score: 1, wastedBytes: 0, inefficientPaths: 1 });
  });
});
