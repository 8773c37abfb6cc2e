// The Files tab's answers: a folder's entries (merged or one layer's changes), searches, previews.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../image/catalog.js';
import { resolveImage } from '../image/resolve.js';
import { openStore } from '../store/store.js';
import { fileQueryMatcher } from './file-query.js';
import { listImageFiles, previewImageFile, searchImageFiles } from './file-listing.js';
import { imageFilesOf, type ImageFiles } from './image-files.js';
import { writeLayeredImage } from './test-support/layered-image.js';

let dir: string;
let files: ImageFiles;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-listing-'));
  const store = await openStore(path.join(dir, 'store'));
  await writeLayeredImage(store, [
    [
      { path: 'etc/', type: 'directory' },
      { path: 'etc/hosts', content: '127.0.0.1 localhost\n', mode: 0o644, uid: 0, gid: 0 },
      { path: 'usr/lib/libz.so.1', content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1]) },
      { path: 'usr/lib/libz.so', type: 'symlink', target: 'libz.so.1' },
      { path: 'tmp/big.log', content: 'x'.repeat(600 * 1024) },
    ],
    [
      { path: 'usr/lib/.wh.libz.so', content: '' },
      { path: 'etc/hosts', content: '127.0.0.1 localhost berth\n', uid: 1000, gid: 1000, mode: 0o600 },
      { path: 'app/main.py', content: 'print("hi")\n' },
    ],
  ], { config: {} });
  const catalog = new Catalog(store, { persist: false });
  const { records } = await catalog.load();
  files = await imageFilesOf({ store, catalog }, resolveImage(records, 'example.com/layered:latest').records[0]!);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('listing', () => {
  it('lists a folder of the merged view, folders first, with sizes and owners', () => {
    const root = listImageFiles(files);
    expect(root.entries.map((e) => e.name)).toEqual(['app', 'etc', 'tmp', 'usr']);
    const etc = listImageFiles(files, { path: 'etc' });
    expect(etc.path).toBe('/etc');
    expect(etc.entries[0]).toMatchObject({ path: '/etc/hosts', kind: 'file', size: 26, uid: 1000, mode: 0o600, layer: 1 });
    expect(root.layers.map((l) => [l.added, l.modified, l.deleted])).toEqual([[8, 0, 0], [2, 1, 1]]);
    expect(root.totalSize).toBe(26 + 6 + 600 * 1024 + 12);
  });

  it("lists one layer's changes, marked as dive marks them", () => {
    const usr = listImageFiles(files, { layer: 1, path: '/usr/lib' });
    expect(usr.entries).toEqual([expect.objectContaining({ name: 'libz.so', change: 'D', kind: 'symlink', size: 0 })]);
    const top = listImageFiles(files, { layer: 1 });
    expect(top.entries.map((e) => [e.name, e.change])).toEqual([['app', 'A'], ['etc', undefined], ['usr', undefined]]);
    expect(listImageFiles(files, { layer: 1, path: '/etc' }).entries).toEqual([expect.objectContaining({ name: 'hosts', change: 'M', size: 26, uid: 1000 })]);
  });

  it('refuses what is not a folder or not there, naming it', () => {
    expect(() => listImageFiles(files, { path: '/etc/hosts' })).toThrow(/\/etc\/hosts .* is not a folder/);
    expect(() => listImageFiles(files, { path: '/nope' })).toThrow(/\/nope does not exist/);
    expect(() => listImageFiles(files, { layer: 7 })).toThrow(/has no layer 8 \(it has 2/);
  });
});

describe('search', () => {
  it('matches fragments anywhere and globs on names or whole paths', () => {
    expect(searchImageFiles(files, { pattern: 'HOSTS' }).matches.map((m) => m.path)).toEqual(['/etc/hosts']);
    expect(searchImageFiles(files, { pattern: '*.so*' }).matches.map((m) => m.path)).toEqual(['/usr/lib/libz.so.1']);
    expect(searchImageFiles(files, { pattern: '/usr/**/lib*' }).matches.map((m) => m.path)).toEqual(['/usr/lib', '/usr/lib/libz.so.1']);
    expect(searchImageFiles(files, { pattern: '*', limit: 2 })).toMatchObject({ truncated: true });
    expect(searchImageFiles(files, { pattern: '*.so', layer: 1 }).matches).toEqual([expect.objectContaining({ path: '/usr/lib/libz.so', change: 'D' })]);
  });

  it('compiles globs the way gitignore reads them', () => {
    expect(fileQueryMatcher('/etc/*.conf')('/etc/a.conf', 'a.conf')).toBe(true);
    expect(fileQueryMatcher('/etc/*.conf')('/etc/x/a.conf', 'a.conf')).toBe(false);
    expect(fileQueryMatcher('/usr/**/x')('/usr/x', 'x')).toBe(true);
    expect(fileQueryMatcher('[ab].txt')('/q/b.txt', 'b.txt')).toBe(true);
    expect(fileQueryMatcher('[!ab].txt')('/q/b.txt', 'b.txt')).toBe(false);
    expect(fileQueryMatcher('a+b(c)')('/x/a+b(c)', 'a+b(c)')).toBe(true);
  });
});

describe('preview', () => {
  it('shows small text, and says why it shows nothing else', async () => {
    expect(await previewImageFile(files, '/etc/hosts')).toMatchObject({ text: '127.0.0.1 localhost berth\n' });
    expect(await previewImageFile(files, '/usr/lib/libz.so.1')).toMatchObject({ reason: 'binary' });
    expect(await previewImageFile(files, '/tmp/big.log')).toMatchObject({ reason: 'too-large' });
    expect(await previewImageFile(files, '/etc')).toMatchObject({ reason: 'not-a-file' });
    await expect(previewImageFile(files, '/etc/../../x')).rejects.toThrow(/must not contain/);
  });
});
