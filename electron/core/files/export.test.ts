// Copying files out of an image: the tar `berth cp IMAGE:PATH -` writes (docker cp's names, links, devices and
// metadata), each layer read once, and the copy to disk, which a hostile image cannot make write outside DEST.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../image/catalog.js';
import { resolveImage } from '../image/resolve.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import type { RootfsEntry } from '../testing/tarball.mjs';
import { planExport } from './export-plan.js';
import { exportTar } from './export-tar.js';
import { extractImagePath } from './extract.js';
import { imageFilesOf, type ImageFiles } from './image-files.js';
import { writeLayeredImage } from './test-support/layered-image.js';
import { collect, tarRows } from './test-support/tar-listing.js';

let dir: string;
let store: ImageStore;
let files: ImageFiles;
let outside: string;
const MTIME = new Date('2021-02-03T04:05:06Z');
const LONG = 'n'.repeat(120);

const LAYER_0: RootfsEntry[] = [
  { path: 'app/', type: 'directory', mode: 0o750, uid: 1000, gid: 1000, mtime: MTIME },
  { path: 'app/abs', type: 'symlink', target: '/etc' },
  { path: 'app/config.json', content: '{"a":1}\n', mode: 0o640, uid: 1000, gid: 100, mtime: MTIME },
  { path: 'app/dev/', type: 'directory' },
  { path: 'app/dev/fifo', type: 'fifo' },
  { path: 'app/dev/null', type: 'character-device', devmajor: 1, devminor: 3 },
  { path: 'app/dev/sda', type: 'block-device', devmajor: 8, devminor: 0 },
  { path: 'app/link', type: 'symlink', target: '../etc/passwd' },
  { path: `app/long/${LONG}`, content: 'long name\n' },
  { path: 'app/pair-a', content: 'pair\n' },
  { path: 'app/pair-b', type: 'link', target: 'app/pair-a', mode: 0o644 },
  { path: 'app/up', type: 'symlink', target: '../../../../../../tmp' },
  { path: 'app/via', type: 'symlink', target: '/etc' },
  { path: 'app/nowhere', type: 'symlink', target: '/missing' },
  { path: 'app/esc', type: 'symlink', target: '../../../../../etc' },
  { path: 'bin/sh', content: 'ELF sh', mode: 0o4755 },
  { path: 'etc/passwd', content: 'root:x:0:0::/root:/bin/sh\n' },
  { path: 'etc/shadow', content: 'root:secret:::\n', mode: 0o640, gid: 42 },
];
// A symlink replaced by a folder (a folder entry at its path), and files written "through" symlinked folders: moby's
// applier follows the link inside the image (`app/via/x` lands in /etc), one leading nowhere becomes a folder; the
// links themselves stay data. A hard link to a file outside the path copied.
const LAYER_1: RootfsEntry[] = [
  { path: 'app/abs/', type: 'directory' },
  { path: 'app/abs/passwd', content: 'not the host passwd\n' },
  { path: 'app/via/x', content: 'through a link\n' },
  { path: 'app/nowhere/y', content: 'made a folder\n' },
  { path: 'app/esc/evil', content: 'lands in the image\'s /etc\n' },
  { path: 'app/via-hard', type: 'link', target: 'app/via/passwd', mode: 0o644 },
  // A link's header carries its inode's metadata, as tar writers write it (dockerd applies it to the inode).
  { path: 'app/shadow-copy', type: 'link', target: 'etc/shadow', mode: 0o640, gid: 42 },
];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-export-'));
  outside = path.join(dir, 'outside');
  await fs.mkdir(outside);
  store = await openStore(path.join(dir, 'store'));
  await writeLayeredImage(store, [LAYER_0, LAYER_1], { tag: 'example.com/export:1' });
  files = await filesOf('example.com/export:1');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function filesOf(reference: string): Promise<ImageFiles> {
  const catalog = new Catalog(store, { persist: false });
  const { records } = await catalog.load();
  return imageFilesOf({ store, catalog }, resolveImage(records, reference).records[0]!);
}

async function tarOf(source: string, options: { follow?: boolean } = {}, on = files, from: ImageStore = store) {
  return tarRows(await collect(exportTar(from, on, planExport(on, source, options))));
}

describe('the tar of a path (berth cp IMAGE:PATH -)', () => {
  it('names entries from the base name and keeps links, devices and metadata as docker cp does', async () => {
    const rows = await tarOf('/app');
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(rows[0]).toMatchObject({ name: 'app/', type: 'directory', mode: 0o750, uid: 1000, gid: 1000, mtime: MTIME.getTime() / 1000 });
    expect([...byName.keys()].sort()).toEqual([
      'app/', 'app/abs/', 'app/abs/passwd', 'app/config.json', 'app/dev/', 'app/dev/fifo', 'app/dev/null', 'app/dev/sda', 'app/esc', 'app/link',
      'app/long/', `app/long/${LONG}`, 'app/nowhere/', 'app/nowhere/y', 'app/pair-a', 'app/pair-b', 'app/shadow-copy', 'app/up', 'app/via', 'app/via-hard',
    ]);
    expect(byName.get('app/config.json')).toMatchObject({ type: 'file', mode: 0o640, uid: 1000, gid: 100, content: Buffer.from('{"a":1}\n') });
    expect(byName.get('app/link')).toMatchObject({ type: 'symlink', linkname: '../etc/passwd' });
    expect(byName.get('app/via')).toMatchObject({ type: 'symlink', linkname: '/etc' });
    expect(byName.get('app/via-hard')).toMatchObject({ type: 'file', content: Buffer.from('root:x:0:0::/root:/bin/sh\n') }); // linked through app/via
    expect((await tarOf('/etc')).map((row) => row.name).sort()).toEqual(['etc/', 'etc/evil', 'etc/passwd', 'etc/shadow', 'etc/x']);
    expect(byName.get('app/up')).toMatchObject({ type: 'symlink', linkname: '../../../../../../tmp' });
    expect(byName.get('app/dev/null')).toMatchObject({ type: 'character-device', devmajor: 1, devminor: 3 });
    expect(byName.get('app/dev/sda')).toMatchObject({ type: 'block-device', devmajor: 8, devminor: 0 });
    expect(byName.get('app/dev/fifo')).toMatchObject({ type: 'fifo' });
    // A hard link within the export stays one; one whose other name is outside it becomes a file with the bytes.
    expect(byName.get('app/pair-a')).toMatchObject({ type: 'file', content: Buffer.from('pair\n') });
    expect(byName.get('app/pair-b')).toMatchObject({ type: 'link', linkname: 'app/pair-a', size: 0 });
    expect(byName.get('app/shadow-copy')).toMatchObject({ type: 'file', mode: 0o640, gid: 42, content: Buffer.from('root:secret:::\n') });
    expect(byName.get(`app/long/${LONG}`)?.content.toString()).toBe('long name\n');
    expect(byName.get('app/abs/passwd')?.content.toString()).toBe('not the host passwd\n');
    // Folders come before what they hold.
    for (const [i, row] of rows.entries()) {
      const parent = row.name.replace(/\/$/, '').split('/').slice(0, -1).join('/');
      if (parent) expect(rows.findIndex((r) => r.name === `${parent}/`)).toBeLessThan(i);
    }
  });

  it('copies a symlink as a symlink, or with -L what it points to under its own name', async () => {
    expect(await tarOf('/app/link')).toEqual([expect.objectContaining({ name: 'link', type: 'symlink', linkname: '../etc/passwd' })]);
    expect(await tarOf('/app/link', { follow: true })).toEqual([expect.objectContaining({ name: 'link', type: 'file', content: Buffer.from('root:x:0:0::/root:/bin/sh\n') })]);
    // The setuid bit is data in a tar.
    expect(await tarOf('bin/sh')).toEqual([expect.objectContaining({ name: 'sh', mode: 0o4755 })]);
  });

  it("copies a folder's contents for PATH/. and refuses what is not there", async () => {
    expect((await tarOf('/app/dev/.')).map((row) => row.name)).toEqual(['./', './fifo', './null', './sda']);
    expect(() => planExport(files, '/nope')).toThrow('Could not find the file /nope in image example.com/export:1');
    expect(() => planExport(files, '/etc/passwd/')).toThrow(/not a directory/);
  });

  it('reads each layer once, in the walk order when the layer is in it, in offset order when it is not', async () => {
    const walk: RootfsEntry[] = [];
    for (let i = 0; i < 200; i++) walk.push({ path: `data/d${String(i).padStart(3, '0')}/f`, content: `file ${i}\n` });
    // Sorted by whole path, as vfs writes layers: `lib.so` before `lib/x`, so the walk visits `lib/x` first.
    const sorted: RootfsEntry[] = [{ path: 'lib.so', content: 'so' }, { path: 'lib/x', content: 'x' }, { path: 'lib/y', content: 'y' }];
    await writeLayeredImage(store, [walk, sorted], { tag: 'example.com/many:1' });
    const many = await filesOf('example.com/many:1');
    const opened: string[] = [];
    const counting = Object.create(store, { openBlob: { value: (digest: string, options?: { start?: number }) => (opened.push(digest), store.openBlob(digest, options)) } }) as ImageStore;
    const plan = planExport(many, '/data');
    expect(plan.order).toBe('walk');
    const rows = await tarRows(await collect(exportTar(counting, many, plan)));
    expect(rows).toHaveLength(401);
    expect(rows.find((row) => row.name === 'data/d123/f')?.content.toString()).toBe('file 123\n');
    expect(opened).toHaveLength(1);
    opened.length = 0;
    const whole = planExport(many, '/');
    expect(whole.order).toBe('data');
    const all = await tarRows(await collect(exportTar(counting, many, whole)));
    expect(all.filter((row) => row.type === 'file').map((row) => row.name).slice(-3)).toEqual(['./lib.so', './lib/x', './lib/y']);
    expect(opened).toHaveLength(2);
    // Twenty layers each with a file at both ends of the walk: read in layer order, so that no more than 16 are open.
    const layers: RootfsEntry[][] = [];
    for (let i = 0; i < 20; i++) layers.push([{ path: `d/x${String(i).padStart(2, '0')}`, content: `d${i}` }, { path: `e/x${String(i).padStart(2, '0')}`, content: `e${i}` }]);
    await writeLayeredImage(store, layers, { tag: 'example.com/wide:1' });
    const wide = await filesOf('example.com/wide:1');
    const spread = planExport(wide, '/');
    expect(spread.order).toBe('data');
    opened.length = 0;
    const rows2 = await tarRows(await collect(exportTar(counting, wide, spread)));
    expect(rows2.filter((row) => row.type === 'file').map((row) => row.content.toString()).slice(0, 4)).toEqual(['d0', 'e0', 'd1', 'e1']);
    expect(opened).toHaveLength(20);
  });
});

describe('copying to disk (berth cp IMAGE:PATH DEST)', () => {
  it('writes a new folder whole: links as links, hard links paired, devices skipped, no setuid', async () => {
    const dest = path.join(dir, 'new-copy');
    const warnings: string[] = [];
    const result = await extractImagePath(store, files, '/app', dest, { onWarning: (w) => warnings.push(w) });
    expect(result).toMatchObject({ path: dest, skipped: 3 });
    expect(warnings.sort()).toEqual([
      'skipped app/dev/fifo: a FIFO is not created by an unprivileged copy',
      'skipped app/dev/null: a character device is not created by an unprivileged copy',
      'skipped app/dev/sda: a block device is not created by an unprivileged copy',
    ]);
    expect(await fs.readlink(path.join(dest, 'link'))).toBe('../etc/passwd');
    expect(await fs.readlink(path.join(dest, 'up'))).toBe('../../../../../../tmp');
    expect((await fs.lstat(path.join(dest, 'abs'))).isDirectory()).toBe(true);
    expect(await fs.readFile(path.join(dest, 'abs/passwd'), 'utf8')).toBe('not the host passwd\n');
    expect(await fs.readlink(path.join(dest, 'via'))).toBe('/etc');
    expect(await fs.readlink(path.join(dest, 'esc'))).toBe('../../../../../etc');
    expect(await fs.readFile(path.join(dest, 'nowhere/y'), 'utf8')).toBe('made a folder\n');
    const a = await fs.stat(path.join(dest, 'pair-a'));
    expect((await fs.stat(path.join(dest, 'pair-b'))).ino).toBe(a.ino);
    const shadow = await fs.lstat(path.join(dest, 'shadow-copy'));
    expect(shadow.isFile() && shadow.nlink === 1 && (shadow.mode & 0o7777) === 0o640).toBe(true);
    expect(await fs.readFile(path.join(dest, 'shadow-copy'), 'utf8')).toBe('root:secret:::\n');
    const config = await fs.stat(path.join(dest, 'config.json'));
    expect([config.mode & 0o7777, config.mtimeMs]).toEqual([0o640, MTIME.getTime()]);
    const root = await fs.stat(dest);
    expect([root.mode & 0o7777, root.mtimeMs]).toEqual([0o750, MTIME.getTime()]);
    expect((await fs.readdir(path.join(dest, 'dev')))).toEqual([]);
    const sh = path.join(dir, 'sh');
    await extractImagePath(store, files, '/bin/sh', sh);
    expect((await fs.stat(sh)).mode & 0o7777).toBe(0o755);
    expect(await fs.readdir(outside)).toEqual([]);
    expect((await fs.readdir(dir)).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });

  it("follows docker cp's rules for where the copy goes", async () => {
    const into = path.join(dir, 'into');
    await fs.mkdir(into);
    expect((await extractImagePath(store, files, '/etc', into)).path).toBe(path.join(into, 'etc'));
    expect(await fs.readFile(path.join(into, 'etc/passwd'), 'utf8')).toMatch(/^root/);
    await extractImagePath(store, files, '/app/dev/.', into);
    expect(await fs.readdir(into)).toEqual(['etc']); // devices only: all skipped, nothing new
    await extractImagePath(store, files, '/etc/.', into);
    expect((await fs.readdir(into)).sort()).toEqual(['etc', 'evil', 'passwd', 'shadow', 'x']);
    const file = path.join(into, 'passwd');
    await fs.writeFile(file, 'old');
    await extractImagePath(store, files, '/app/config.json', file);
    expect(await fs.readFile(file, 'utf8')).toBe('{"a":1}\n');
    await expect(extractImagePath(store, files, '/etc', file)).rejects.toThrow(/cannot copy a directory to a file/);
    await expect(extractImagePath(store, files, '/etc/passwd', path.join(dir, 'missing/'))).rejects.toThrow(/no such directory/);
    await expect(extractImagePath(store, files, '/etc', path.join(dir, 'no/such/place'))).rejects.toThrow(/no such directory/);
    await expect(extractImagePath(store, files, '/nope', into)).rejects.toThrow('Could not find the file /nope in image example.com/export:1');
    // -L: the symlink's target under the link's name.
    await extractImagePath(store, files, '/app/link', into, { follow: true });
    expect(await fs.readFile(path.join(into, 'link'), 'utf8')).toMatch(/^root:x/);
  });

  it('never follows a symlink already in DEST: a folder over it is refused, a file replaces it', async () => {
    const dest = path.join(dir, 'planted');
    await fs.mkdir(path.join(dest, 'app'), { recursive: true });
    await fs.symlink(outside, path.join(dest, 'app', 'abs'));
    await expect(extractImagePath(store, files, '/app', dest)).rejects.toThrow(`cannot overwrite non-directory ${path.join(dest, 'app/abs')} with directory`);
    expect(await fs.readdir(outside)).toEqual([]);
    const target = path.join(outside, 'target');
    await fs.writeFile(target, 'mine');
    await fs.symlink(target, path.join(dest, 'app', 'config.json'));
    await extractImagePath(store, files, '/app/config.json', path.join(dest, 'app'));
    expect(await fs.readFile(target, 'utf8')).toBe('mine');
    expect((await fs.lstat(path.join(dest, 'app', 'config.json'))).isFile()).toBe(true);
    await fs.rm(target);
  });

  it('leaves nothing behind when cancelled', async () => {
    const dest = path.join(dir, 'cancelled');
    const controller = new AbortController();
    const copying = extractImagePath(store, files, '/app', dest, { signal: controller.signal, onProgress: () => controller.abort() });
    await expect(copying).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await fs.readdir(dir)).filter((name) => name.includes('cancelled'))).toEqual([]);
  });
});
