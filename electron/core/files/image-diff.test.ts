// Image diff on images written into a real store: docker diff's A/C/D rules (moby's statDifferent and addChanges),
// the folders listed around them, sizes, config differences, and the speed two 100,000-file images need.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../image/catalog.js';
import { resolveImage } from '../image/resolve.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import type { RootfsEntry } from '../testing/tarball.mjs';
import { diffConfigs, sharedPrefix } from './config-diff.js';
import { diffImages, diffTrees, sameFsTime } from './image-diff.js';
import { imageFilesOf, type ImageFiles } from './image-files.js';
import type { LayerEntry } from './layer-entry.js';
import { mergeLayers } from './merged-tree.js';
import { writeLayeredImage } from './test-support/layered-image.js';
import type { ImageConfig } from '../oci/config.js';

let dir: string;
let store: ImageStore;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-diff-'));
  store = await openStore(path.join(dir, 'store'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function filesOf(reference: string): Promise<ImageFiles> {
  const catalog = new Catalog(store, { persist: false });
  const { records } = await catalog.load();
  return imageFilesOf({ store, catalog }, resolveImage(records, reference).records[0]!);
}

const LATER = new Date('2024-05-01T00:00:00Z');

const BASE: RootfsEntry[] = [
  { path: 'etc/', type: 'directory' },
  { path: 'etc/hosts', content: '127.0.0.1 localhost\n' },
  { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
  { path: 'etc/motd', content: 'hello\n' },
  { path: 'bin/sh', content: 'ELF shell' },
  { path: 'bin/ash', type: 'link', target: 'bin/sh' },
  { path: 'lib/libc.so', type: 'symlink', target: 'libc.so.1' },
  { path: 'lib/libc.so.1', content: 'ELF libc' },
  { path: 'opt/old/', type: 'directory' },
  { path: 'opt/old/a.txt', content: 'aaaa' },
  { path: 'opt/old/sub/b.txt', content: 'bbbbbb' },
  { path: 'srv/data', content: 'file, then a folder' },
  { path: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 },
];

describe('diffImages on a derived image', () => {
  let a: ImageFiles;
  let b: ImageFiles;
  beforeAll(async () => {
    await writeLayeredImage(store, [BASE], { tag: 'example.com/base:1', config: { Env: ['PATH=/bin', 'LANG=C'], Labels: { tier: 'base' } } });
    await writeLayeredImage(store, [BASE, [
      { path: 'etc/hosts', content: '127.0.0.1 localhost berth\n' }, // size and content
      { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n', mode: 0o600 }, // mode only
      { path: 'etc/motd', content: 'hello\n', mtime: LATER }, // mtime only
      { path: 'lib/libc.so', type: 'symlink', target: 'libc.so.2' }, // link target
      { path: 'lib/libc.so.2', content: 'ELF libc two' },
      { path: 'opt/.wh.old', content: '' }, // a folder deleted with what is in it
      { path: 'srv/.wh.data', content: '' },
      { path: 'srv/data/inside.txt', content: 'now a folder' }, // file -> folder
      { path: 'app/main.py', content: 'print(1)\n' }, // a new folder with a file
      { path: 'dev/null', type: 'character-device', devmajor: 1, devminor: 5 },
    ]], { tag: 'example.com/derived:1', config: { Env: ['PATH=/bin:/usr/bin', 'LANG=C', 'APP=1'], Labels: { tier: 'app', extra: 'x' }, ExposedPorts: { '8080/tcp': {} }, Cmd: ['python', 'main.py'] } });
    a = await filesOf('example.com/base:1');
    b = await filesOf('example.com/derived:1');
  });

  it("lists docker's lines, sorted by path, folders with changes inside as C", () => {
    const diff = diffImages(a, b);
    expect(diff.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      'A /app',
      'A /app/main.py',
      'C /dev',
      'C /dev/null',
      'C /etc',
      'C /etc/hosts',
      'C /etc/motd',
      'C /etc/passwd',
      'C /lib',
      'C /lib/libc.so',
      'A /lib/libc.so.2',
      'C /opt',
      'D /opt/old',
      'D /opt/old/a.txt',
      'D /opt/old/sub',
      'D /opt/old/sub/b.txt',
      'C /srv',
      'C /srv/data',
      'A /srv/data/inside.txt',
    ]);
  });

  it('says what changed and by how much', () => {
    const diff = diffImages(a, b);
    const at = (p: string) => diff.changes.find((c) => c.path === p)!;
    expect(at('/etc/hosts')).toMatchObject({ kind: 'C', type: 'file', size: 26, sizeBefore: 20, delta: 6, fields: ['size'] });
    expect(at('/etc/passwd')).toMatchObject({ fields: ['mode'], was: { type: 'file', mode: 0o644, uid: 0, gid: 0 }, now: { type: 'file', mode: 0o600 } });
    expect(at('/lib/libc.so')).toMatchObject({ was: { type: 'symlink', link: 'libc.so.1' }, now: { link: 'libc.so.2' } });
    expect(at('/etc/motd').fields).toEqual(['mtime']);
    expect(at('/lib/libc.so').fields).toEqual(['link']);
    expect(at('/dev/null').fields).toEqual(['device']);
    expect(at('/srv/data')).toMatchObject({ type: 'dir', sizeBefore: 19, size: 0, delta: -19 });
    expect(at('/srv/data').fields).toContain('type');
    expect(at('/opt/old/sub/b.txt')).toMatchObject({ kind: 'D', type: 'file', sizeBefore: 6, size: 0, delta: -6 });
    expect(at('/etc')).toMatchObject({ inside: true, fields: [] });
    expect(diff.summary).toEqual({ added: 4, changed: 6, deleted: 4, delta: b.merged.root.size - a.merged.root.size });
    expect(diff.summary.delta).toBe(6 + 12 + 12 + 9 - 19 - 4 - 6);
    expect(diff.sharedLayers).toBe(1);
    expect(diff.a).toMatchObject({ reference: 'example.com/base:1', layers: 1, platform: 'linux/amd64' });
    expect(diff.b).toMatchObject({ reference: 'example.com/derived:1', layers: 2 });
  });

  it("lists the configs' differences item by item", () => {
    expect(diffImages(a, b).config).toEqual([
      { field: 'Env', key: 'APP', after: '1' },
      { field: 'Env', key: 'PATH', before: '/bin', after: '/bin:/usr/bin' },
      { field: 'Cmd', before: '["sh"]', after: '["python","main.py"]' },
      { field: 'Labels', key: 'extra', after: 'x' },
      { field: 'Labels', key: 'tier', before: 'base', after: 'app' },
      { field: 'ExposedPorts', key: '8080/tcp', after: '8080/tcp' },
    ]);
  });

  it('finds nothing between an image and itself, and mirrors the lines the other way round', () => {
    expect(diffImages(b, b).changes).toEqual([]);
    const back = diffImages(b, a).changes.map((c) => `${c.kind} ${c.path}`);
    expect(back).toContain('D /app/main.py');
    expect(back).toContain('A /opt/old/sub/b.txt');
    expect(back).toContain('D /srv/data/inside.txt');
  });
});

describe('what docker counts as a change', () => {
  const entry = (over: Partial<LayerEntry>): LayerEntry => ({ path: 'x', kind: 'file', mode: 0o644, uid: 0, gid: 0, size: 1, mtime: 100, link: '', dataOffset: 512, devmajor: 0, devminor: 0, ...over });
  const diffOf = (x: LayerEntry[], y: LayerEntry[]) => diffTrees(mergeLayers([{ entries: x }] as never).root, mergeLayers([{ entries: y }] as never).root).map((c) => `${c.kind} ${c.path} ${(c.fields ?? []).join(',')}`.trim());

  it("ignores a folder's mtime, and a file's fraction of a second lost by an archive (sameFsTime)", () => {
    expect(diffOf([entry({ path: 'd', kind: 'dir', size: 0 })], [entry({ path: 'd', kind: 'dir', size: 0, mtime: 999 })])).toEqual([]);
    expect(diffOf([entry({ mtime: 100.5 })], [entry({ mtime: 100 })])).toEqual([]);
    expect(diffOf([entry({ mtime: 100.5 })], [entry({ mtime: 100.25 })])).toEqual(['C /x mtime']);
    expect(sameFsTime(100, 101)).toBe(false);
  });

  it('compares a hard link as the regular file it is on disk, and the same entry from another layer as unchanged', () => {
    const target = entry({ path: 't', size: 5 });
    expect(diffOf([target, entry({ path: 'x', size: 5 })], [target, entry({ path: 'x', kind: 'hardlink', link: 't', size: 0 })])).toEqual([]);
    expect(diffOf([entry({ dataOffset: 512 })], [entry({ dataOffset: 4096 })])).toEqual([]);
    expect(diffOf([entry({ uid: 1 })], [entry({ kind: 'symlink', link: 'y', size: 0 })])).toEqual(['C /x type,owner,size']);
  });
});

describe('scale', () => {
  // Timings belong to `npm run bench` (BENCH_ONLY=files); this checks the answers at 100,000 files.
  it('diffs two merged images of 100,000 files each', () => {
    const files = (salt: number): LayerEntry[] => {
      const out: LayerEntry[] = [];
      for (let d = 0; d < 1000; d++) {
        out.push({ path: `usr/share/d${d}`, kind: 'dir', mode: 0o755, uid: 0, gid: 0, size: 0, mtime: 1, link: '', dataOffset: 0, devmajor: 0, devminor: 0 });
        for (let f = 0; f < 100; f++) {
          const changed = salt === 2 || (salt === 1 && f === 0 && d % 10 === 0);
          out.push({ path: `usr/share/d${d}/f${f}.txt`, kind: 'file', mode: 0o644, uid: 0, gid: 0, size: changed ? 2 : 1, mtime: 1, link: '', dataOffset: 0, devmajor: 0, devminor: 0 });
        }
      }
      return out;
    };
    const a = mergeLayers([{ entries: files(0) }] as never).root;
    const b = mergeLayers([{ entries: files(1) }] as never).root;
    const changes = diffTrees(a, b);
    expect(changes.filter((c) => !c.inside)).toHaveLength(100);
    // Every file changed: 100,000 lines (and their folders).
    const all = mergeLayers([{ entries: files(2) }] as never).root;
    expect(diffTrees(a, all)).toHaveLength(100_000 + 1000 + 2);
  });
});

describe('config differences', () => {
  const config = (run: ImageConfig['config'], more: Partial<ImageConfig> = {}): ImageConfig => ({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config: run, ...more });

  it('compares platforms, entrypoints, users, folders, volumes and treats null like absent', () => {
    expect(diffConfigs(
      config({ Entrypoint: null, User: '', Volumes: { '/data': {} }, WorkingDir: '/' }),
      config({ Entrypoint: ['/init'], User: 'app', Volumes: null, WorkingDir: '/' }, { architecture: 'arm64', variant: 'v8' }),
    )).toEqual([
      { field: 'Platform', before: 'linux/amd64', after: 'linux/arm64/v8' },
      { field: 'Entrypoint', after: '["/init"]' },
      { field: 'User', after: 'app' },
      { field: 'Volumes', key: '/data', before: '/data' },
    ]);
    expect(diffConfigs(config({ Env: ['A=1', 'A=2', 'B'] }), config({ Env: ['A=2', 'B'] }))).toEqual([]);
  });

  it('counts the diff IDs both images start with', () => {
    expect(sharedPrefix(['a', 'b', 'c'], ['a', 'b', 'x', 'c'])).toBe(2);
    expect(sharedPrefix([], ['a'])).toBe(0);
  });
});
