// The time bounds below are complexity guards, not timings: each is far above what the linear code takes on a
// loaded machine and far below what the super-linear versions took (minutes, or never ending).
// Hostile layers against the merge: whatever a layer says, merging it stays linear-ish in its size. Each case here
// once hung the process (exponential symlink walks, quadratic path strings).
import { describe, expect, it } from 'vitest';
import { layerEntryHeader } from '../archive/layer-header.js';
import { TarScanner } from '../archive/tar-scan.js';
import { decodeLayerIndex, encodeLayerIndex, type LayerIndex } from './index-format.js';
import { layerEntryOf, type LayerEntry } from './layer-entry.js';
import { find, mergeLayers } from './merged-tree.js';

const BASE: LayerEntry = { path: '', kind: 'file', mode: 0o644, uid: 0, gid: 0, size: 0, mtime: 0, link: '', dataOffset: 0, devmajor: 0, devminor: 0 };
const entry = (path: string, kind: LayerEntry['kind'], link = ''): LayerEntry => ({ ...BASE, path, kind, link, mode: kind === 'dir' ? 0o755 : 0o644 });
const layer = (entries: LayerEntry[], n = 1): LayerIndex => ({ diffId: `sha256:${String(n).repeat(64).slice(0, 64)}`, blob: `sha256:${'b'.repeat(64)}`, entries });

describe('merging hostile layers', () => {
  it('counts every symlink followed on the way, as the kernel does (40 in all), so a symlink bomb cannot fan out', () => {
    // l1 -> l0/l0/…(10 times), l2 -> l1/l1/…: following l30 naively visits 10^30 links.
    const entries = [entry('l0', 'symlink', '.')];
    for (let i = 1; i <= 30; i++) entries.push(entry(`l${i}`, 'symlink', Array(10).fill(`l${i - 1}`).join('/')));
    entries.push(entry('l30/x', 'file'), entry('l1/y', 'file'));
    const started = Date.now();
    const { root } = mergeLayers([layer(entries)]);
    expect(Date.now() - started).toBeLessThan(20_000);
    // Too many links to follow: like the kernel's ELOOP, the link is not followed (the folder replaces it).
    expect(find(root, 'l30')?.entry.kind).toBe('dir');
    expect(find(root, 'l30/x')?.entry.kind).toBe('file');
    // Ten links are within the limit: l1/y lands in the root, as a runtime writes it.
    expect(find(root, 'y')?.entry.kind).toBe('file');
    expect(find(root, 'l1')?.entry.kind).toBe('symlink');
  });
});

describe('names no file system could hold', () => {
  const scan = (header: Buffer): LayerEntry[] => {
    const found: LayerEntry[] = [];
    let problem: unknown = null;
    const scanner = new TarScanner((tarEntry) => {
      try {
        const entry = layerEntryOf(tarEntry);
        if (entry) found.push(entry);
      } catch (err) {
        problem ??= err;
      }
    });
    scanner.push(Buffer.concat([header, Buffer.alloc(1024)]));
    scanner.end();
    if (problem) throw problem;
    return found;
  };
  const header = (name: string, extra: Partial<Parameters<typeof layerEntryHeader>[0]> = {}) => layerEntryHeader({ name, type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, size: 0, ...extra });

  it('refuses a pax name of 100,000 components (PATH_MAX), quickly, as docker fails such a layer', () => {
    const started = Date.now();
    expect(() => scan(header(`${Array(100_000).fill('a').join('/')}/x`))).toThrow(expect.objectContaining({ code: 'INVALID_ARCHIVE' }));
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses a name longer than NAME_MAX and a symlink target longer than PATH_MAX; takes the longest allowed', () => {
    expect(() => scan(header(`dir/${'n'.repeat(256)}`))).toThrow(expect.objectContaining({ code: 'INVALID_ARCHIVE' }));
    expect(() => scan(header('lnk', { type: 'symlink', linkname: 'x/'.repeat(2048) }))).toThrow(expect.objectContaining({ code: 'INVALID_ARCHIVE' }));
    const longest = Array(16).fill('n'.repeat(255)).join('/');
    expect(scan(header(longest)).map((entry) => entry.path)).toEqual([longest]);
  });

  it('does not believe a cached index holding a path longer than PATH_MAX (a planted file with a good checksum)', () => {
    const deep = { ...entry(`${Array(3000).fill('a').join('/')}/x`, 'file') };
    const bytes = encodeLayerIndex(layer([deep]));
    expect(decodeLayerIndex(bytes, layer([]).diffId)).toBeNull();
    expect(decodeLayerIndex(encodeLayerIndex(layer([entry('a/x', 'file')])), layer([]).diffId)?.entries).toHaveLength(1);
  });
});

describe('hard links', () => {
  it('a hard link to a folder (or, from a planted index, to the root) leaves the folder as it was', () => {
    const hostile = { ...entry('evil', 'hardlink', 'etc'), mode: 0o6777, uid: 666 };
    const root = { ...entry('rootlink', 'hardlink', ''), mode: 0o777, uid: 666 };
    const { root: tree } = mergeLayers([layer([entry('etc', 'dir'), hostile, root])]);
    expect(find(tree, 'etc')?.entry).toMatchObject({ mode: 0o755, uid: 0 });
    expect(tree.entry).toMatchObject({ mode: 0o755, uid: 0 });
  });

  it('follows a chain of links to the one file, and keeps a removed target’s bytes reachable', () => {
    const { root } = mergeLayers([
      layer([{ ...entry('a', 'file'), size: 3, dataOffset: 512 }, entry('b', 'hardlink', 'a'), entry('c', 'hardlink', 'b')]),
      layer([entry('a', 'whiteout')], 2),
    ]);
    expect(find(root, 'a')).toBeUndefined();
    expect(find(root, 'c')?.linkTarget?.entry).toMatchObject({ path: 'a', size: 3 });
    expect(find(root, 'b')?.linkTarget).toBe(find(root, 'c')?.linkTarget);
  });
});

describe('opaque markers', () => {
  it('20,000 opaque markers on a folder of 20,000 files cost one pass, not one pass each', () => {
    const entries = [entry('d', 'dir')];
    for (let i = 0; i < 20_000; i++) entries.push(entry(`d/f${i}`, 'file'));
    for (let i = 0; i < 20_000; i++) entries.push(entry('d', 'opaque'));
    const started = Date.now();
    const { root, changes } = mergeLayers([layer([entry('d', 'dir'), entry('d/old', 'file')]), layer(entries, 2)]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(find(root, 'd')?.children?.size).toBe(20_000);
    expect(find(root, 'd/old')).toBeUndefined();
    expect(changes[1]!.filter((change) => change.change === 'D').map((change) => change.path)).toEqual(['d/old']);
  });

  it('an opaque marker at the root clears the lower layers, keeps its own layer', () => {
    const { root } = mergeLayers([layer([entry('a', 'file'), entry('b', 'dir')]), layer([entry('c', 'file'), entry('.', 'opaque')], 2)]);
    expect([...root.children!.keys()]).toEqual(['c']);
  });
});

describe('restated folders', () => {
  it('40,000 restatements of a folder of 40,000 files do not walk it each time', () => {
    const entries = [entry('d', 'dir')];
    for (let i = 0; i < 40_000; i++) entries.push(entry(`d/f${i}`, 'file'));
    const again = Array.from({ length: 40_000 }, () => entry('d', 'dir'));
    const started = Date.now();
    const { changes } = mergeLayers([layer(entries), layer(again, 2)]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(changes[1]).toEqual([expect.objectContaining({ path: 'd', change: 'M', before: 0 })]);
  });
});

describe('long link targets', () => {
  it('10,000 entries through a chain of 40 links, each 4 KiB of ./, merge in a pass (split once per target)', () => {
    const pad = './'.repeat(2000);
    const entries = [entry('d', 'dir')];
    for (let i = 0; i < 39; i++) entries.push(entry(`l${i}`, 'symlink', `${pad}l${i + 1}`));
    entries.push(entry('l39', 'symlink', `${pad}d`));
    for (let i = 0; i < 10_000; i++) entries.push(entry(`l0/f${i}`, 'file'));
    const started = Date.now();
    const { root } = mergeLayers([layer(entries)]);
    expect(Date.now() - started).toBeLessThan(20_000); // was ~28 s
    expect(find(root, 'd')?.children?.size).toBe(10_000);
  });
});
