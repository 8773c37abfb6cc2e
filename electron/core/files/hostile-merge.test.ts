// Hostile layers against the merge: whatever a layer says, merging it stays linear-ish in its size. Each case here
// once hung the process (exponential symlink walks, quadratic path strings).
import { describe, expect, it } from 'vitest';
import type { LayerIndex } from './index-format.js';
import type { LayerEntry } from './layer-entry.js';
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
    expect(Date.now() - started).toBeLessThan(2000);
    // Too many links to follow: like the kernel's ELOOP, the link is not followed (the folder replaces it).
    expect(find(root, 'l30')?.entry.kind).toBe('dir');
    expect(find(root, 'l30/x')?.entry.kind).toBe('file');
    // Ten links are within the limit: l1/y lands in the root, as a runtime writes it.
    expect(find(root, 'y')?.entry.kind).toBe('file');
    expect(find(root, 'l1')?.entry.kind).toBe('symlink');
  });
});
