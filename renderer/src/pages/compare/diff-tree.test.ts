// The Compare tree: folders adding up their children's sizes, marks, what is open at first, and filtering.
import { describe, expect, it } from 'vitest';
import type { ImageDiffChange } from '../../../../shared/api';
import { buildDiffTree, describeChange, initiallyOpen, markOf, signedSize, visibleRows } from './diff-tree';

const c = (kind: ImageDiffChange['kind'], path: string, sizeBefore = 0, size = 0, over: Partial<ImageDiffChange> = {}): ImageDiffChange =>
  ({ kind, path, type: 'file', sizeBefore, size, delta: size - sizeBefore, ...over });

const CHANGES = [
  c('A', '/app', 0, 0, { type: 'dir' }),
  c('A', '/app/main.py', 0, 300),
  c('C', '/etc', 0, 0, { type: 'dir', inside: true, fields: [] }),
  c('C', '/etc/hosts', 20, 26, { fields: ['size'] }),
  c('C', '/usr', 0, 0, { type: 'dir', inside: true, fields: [] }),
  c('D', '/usr/old', 0, 0, { type: 'dir' }),
  c('D', '/usr/old/big.bin', 5000, 0),
  c('A', '/zz.txt', 0, 1),
];
const ALL = new Set(['A', 'C', 'D'] as const);

describe('buildDiffTree', () => {
  it('nests paths, folders first, each adding up what changed below', () => {
    const root = buildDiffTree(CHANGES);
    expect(root.children.map((n) => n.name)).toEqual(['app', 'etc', 'usr', 'zz.txt']);
    const usr = root.children[2]!;
    expect(usr).toMatchObject({ sizeBefore: 5000, size: 0, delta: -5000, changes: 2 });
    expect(markOf(usr)).toBeNull();
    expect(markOf(usr.children[0]!)).toBe('D');
    expect(root).toMatchObject({ sizeBefore: 5020, size: 327, delta: 327 - 5020, changes: 6 });
  });

  it('opens every folder of a small diff, only the first level of a big one', () => {
    const root = buildDiffTree(CHANGES);
    expect([...initiallyOpen(root)].sort()).toEqual(['/app', '/etc', '/usr', '/usr/old']);
    expect([...initiallyOpen(root, 3)].sort()).toEqual(['/app', '/etc', '/usr']);
  });
});

describe('visibleRows', () => {
  const root = buildDiffTree(CHANGES);
  const paths = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => r.node.path);

  it('shows what the open folders show', () => {
    expect(paths(visibleRows(root, new Set(['/usr']), { text: '', kinds: ALL }))).toEqual(['/app', '/etc', '/usr', '/usr/old', '/zz.txt']);
  });

  it('filters by text and kind, keeping the folders above each match open', () => {
    const big = visibleRows(root, new Set(), { text: 'BIG', kinds: ALL });
    expect(paths(big)).toEqual(['/usr', '/usr/old', '/usr/old/big.bin']);
    expect(big.map((r) => r.match)).toEqual([false, false, true]);
    expect(paths(visibleRows(root, new Set(), { text: '', kinds: new Set(['C'] as const) }))).toEqual(['/etc', '/etc/hosts']);
    expect(visibleRows(root, new Set(), { text: 'nothing', kinds: ALL })).toEqual([]);
  });

  it('words a change of size with its sign', () => {
    const words = (n: number) => `${n}B`;
    expect([signedSize(5, words), signedSize(-5, words), signedSize(0, words)]).toEqual(['+5B', '−5B', '0B']);
  });
});

describe('describeChange', () => {
  it('says what became what', () => {
    const was = { type: 'file' as const, mode: 0o644, uid: 0, gid: 0, mtime: 1_700_000_000 };
    const now = { type: 'symlink' as const, mode: 0o4755, uid: 1000, gid: 100, mtime: 1_700_000_060, link: '/bin/x' };
    expect(describeChange(c('C', '/x', 1, 0, { fields: ['type', 'mode', 'owner', 'mtime', 'size'], was, now }))).toEqual([
      'file → symlink', 'permissions 644 → 4755', 'owner 0:0 → 1000:100', 'modified 2023-11-14 22:13:20 → 2023-11-14 22:14:20', 'size',
    ]);
    expect(describeChange(c('C', '/l', 0, 0, { fields: ['link'], was: { ...was, type: 'symlink', link: 'a' }, now: { ...was, type: 'symlink', link: 'b' } }))).toEqual(['link a → b']);
  });
});
