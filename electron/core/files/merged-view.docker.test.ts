// Berth's merged view of an image against what a real container shows, path by path. One private dockerd (vfs, no
// network) builds an image the way users do (an imported root filesystem, then `docker run` + `docker commit` steps
// that add, change, chmod, chown, delete, hard-link, and rm -rf then recreate folders), and loads a hand-made image
// whose layers carry `.wh.` whiteouts and `.wh..wh..opq` opaque folders, so dockerd's own applier judges them.
// A hard link whose header's mode and owner differ from its target's shows dockerd applying them to the inode, and
// `lnk -> /opt` then `lnk/through` in one layer shows it following the symlink inside the image.
// Each image is compared with `find / -xdev -printf` run inside it (what the runtime adds is left out: /proc, /sys,
// /dev, /etc/hosts, /etc/resolv.conf, /etc/hostname, /etc/mtab, /.dockerenv), and `docker cp CONTAINER:/srv -` with Berth's
// tar of the same path, entry by entry and byte by byte.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, readlink, rm, lstat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../cli/test-support/capture-io.js';
import { Catalog } from '../image/catalog.js';
import { resolveImage } from '../image/resolve.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { canStartDockerd, startDockerd, type Dockerd } from '../testing/dockerd.js';
import { findPeer } from '../testing/peers.mjs';
import { shellRootfsEntries } from '../testing/shell-rootfs.js';
import { makeRootfsTar, type RootfsEntry } from '../testing/tarball.mjs';
import { planExport } from './export-plan.js';
import { exportTar } from './export-tar.js';
import { imageFilesOf, type ImageFiles } from './image-files.js';
import type { FileNode } from './merged-tree.js';
import { writeLayeredImage } from './test-support/layered-image.js';
import { collect, tarRows, type TarRow } from './test-support/tar-listing.js';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('merged-view.docker.test.ts skipped: dockerd/docker missing or not running as root (dockerd needs root here)');

const PROGRAMS = ['/usr/bin/find', '/bin/rm', '/bin/mkdir', '/bin/ln', '/bin/chmod', '/bin/chown'];
const RUNTIME_PATHS = new Set(['/proc', '/sys', '/dev', '/etc/hosts', '/etc/resolv.conf', '/etc/hostname', '/etc/mtab', '/.dockerenv']);
const FIND = ['/usr/bin/find', '/', '-xdev', '-printf', '%y %m %U:%G %s %p -> %l\\n'];
const LONG = 'n'.repeat(120);

const SRV: RootfsEntry[] = [
  { path: 'srv/', type: 'directory' },
  { path: 'srv/abs', type: 'symlink', target: '/etc/passwd' },
  { path: 'srv/delete.txt', content: 'bye\n' },
  { path: 'srv/dev/', type: 'directory' },
  { path: 'srv/dev/fifo', type: 'fifo' },
  { path: 'srv/dev/null', type: 'character-device', devmajor: 1, devminor: 3 },
  { path: 'srv/link', type: 'symlink', target: 'modify.txt' },
  { path: `srv/long/${LONG}`, content: 'a long name\n' },
  { path: 'srv/mode.txt', content: 'mode\n' },
  { path: 'srv/modify.txt', content: 'before\n' },
  // A hard link's header carries its inode's mode, as tar writers write it (moby applies the link's mode to the inode).
  { path: 'srv/hard', type: 'link', target: 'srv/modify.txt', mode: 0o644 },
  { path: 'srv/owned', content: 'o\n' },
  { path: 'srv/setuid', content: '#!/bin/sh\n', mode: 0o4755 },
  { path: 'srv/tree/keep', content: 'k\n' },
  { path: 'srv/tree/old/a', content: 'a\n' },
  { path: 'srv/tree/old/b', content: 'b\n', mode: 0o600, uid: 7, gid: 8 },
];

const STEP_1 = [
  'set -e',
  'echo changed > /srv/modify.txt',
  'rm /srv/delete.txt',
  'rm -rf /srv/tree',
  'mkdir -p /srv/tree/new',
  'echo fresh > /srv/tree/new/file',
  'echo added > /srv/added.txt',
  'ln -s added.txt /srv/added.link',
  'ln /srv/added.txt /srv/added.hard',
  'chmod 600 /srv/mode.txt',
  'chown 1000:1000 /srv/owned',
  'mkdir /srv/empty',
].join('\n');

const STEP_2 = [
  'set -e',
  'rm -rf /srv/tree/new',
  'echo again > /srv/tree/again',
  'rm /srv/added.link',
  'ln -s /srv/modify.txt /srv/added.link',
  'rm /srv/link',
  'mkdir /srv/link',
  'echo inside > /srv/link/inside',
].join('\n');

describe.skipIf(!available)('the merged view against a real container', () => {
  let dockerd: Dockerd;
  let dir: string;
  let storePath: string;
  let store: ImageStore;

  beforeAll(async () => {
    dockerd = await startDockerd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-merged-docker-'));
    storePath = path.join(dir, 'store');
    store = await openStore(storePath);
  }, 120_000);
  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function filesOf(reference: string): Promise<ImageFiles> {
    const catalog = new Catalog(store, { persist: false });
    const { records } = await catalog.load();
    return imageFilesOf({ store, catalog }, resolveImage(records, reference).records[0]!);
  }

  /** What `find -printf` prints for every path a container of the image has, runtime additions left out. */
  async function containerView(image: string): Promise<string[]> {
    const out = await dockerd.dockerOk(['run', '--rm', '--network', 'none', image, ...FIND]);
    return out.split('\n').filter((line) => line !== '' && !RUNTIME_PATHS.has(line.split(' ')[4]!)).map(withoutFolderSize).sort();
  }

  /** The same lines from Berth's merged tree. */
  function berthView(files: ImageFiles): string[] {
    const lines: string[] = [];
    const stack: Array<[FileNode, string]> = [[files.merged.root, '/']];
    while (stack.length > 0) {
      const [node, at] = stack.pop()!;
      if (!RUNTIME_PATHS.has(at)) lines.push(withoutFolderSize(findLine(node, at)));
      for (const child of node.children?.values() ?? []) stack.push([child, at === '/' ? `/${child.name}` : `${at}/${child.name}`]);
    }
    return lines.sort();
  }

  /** docker cp's tar of `path` from a created (never started) container, and Berth's of the same path. */
  async function bothTars(image: string, files: ImageFiles, at: string): Promise<[TarRow[], TarRow[]]> {
    const container = (await dockerd.dockerOk(['create', '--network', 'none', image, '/bin/sh'])).trim();
    const copied = spawnSync(findPeer('docker')!, ['cp', `${container}:${at}`, '-'], { env: { ...process.env, ...dockerd.env }, maxBuffer: 1 << 28 });
    await dockerd.dockerOk(['rm', container]);
    expect(copied.status, copied.stderr?.toString()).toBe(0);
    const ours = await collect(exportTar(store, files, planExport(files, at)));
    return [comparable(await tarRows(copied.stdout)), comparable(await tarRows(ours))];
  }

  it('builds an image with docker run + commit steps; Berth sees what the container sees', async () => {
    const rootfs = path.join(dir, 'rootfs.tar');
    await writeFile(rootfs, await makeRootfsTar([...shellRootfsEntries(PROGRAMS), ...SRV]));
    await dockerd.dockerOk(['import', rootfs, 'merged-base:1']);
    for (const [from, to, script] of [['merged-base:1', 'merged-step:1', STEP_1], ['merged-step:1', 'merged-step:2', STEP_2]] as const) {
      const name = `build-${to.replace(/\W/g, '-')}`;
      await dockerd.dockerOk(['run', '--network', 'none', '--name', name, from, '/bin/sh', '-c', script]);
      await dockerd.dockerOk(['commit', name, to]);
      await dockerd.dockerOk(['rm', name]);
    }
    const archive = path.join(dir, 'steps.tar');
    await dockerd.dockerOk(['save', '-o', archive, 'merged-step:2']);
    expect(await runCaptured(['--store', storePath, 'load', '-q', '-i', archive])).toMatchObject({ code: 0 });

    const files = await filesOf('merged-step:2');
    expect(files.layers).toHaveLength(3);
    const expected = await containerView('merged-step:2');
    expect(expected).toContain('f 644 0:0 6 /srv/tree/again -> '); // the container ran the steps
    expect(berthView(files)).toEqual(expected);

    // The per-layer marks agree with what the steps did.
    const step2 = new Map(files.merged.changes[2]!.map((change) => [change.path, change.change]));
    expect(Object.fromEntries(['srv/tree/new', 'srv/tree/again', 'srv/added.link', 'srv/link'].map((p) => [p, step2.get(p)]))).toEqual({
      'srv/tree/new': 'D', 'srv/tree/again': 'A', 'srv/added.link': 'M', 'srv/link': 'M',
    });

    const [docker, berth] = await bothTars('merged-step:2', files, '/srv');
    expect(berth).toEqual(docker);

    // `berth ls -l` shows a folder as the container's own listing does: mode string, owner, name, link target.
    const inside = await dockerd.dockerOk(['run', '--rm', '--network', 'none', 'merged-step:2', '/usr/bin/find', '/srv', '-mindepth', '1', '-maxdepth', '1', '-printf', '%M %U %G %f -> %l\n']);
    const listed = await runCaptured(['--store', storePath, 'ls', '-l', 'merged-step:2', '/srv']);
    expect(listed.code, listed.stderr).toBe(0);
    const ours = listed.stdout.trim().split('\n').map((line) => {
      const [mode, uid, gid, , , , , ...name] = line.split(/ +/);
      return `${mode} ${uid} ${gid} ${name.join(' ').replace(/ link to \S+$/, '')}`;
    });
    expect(ours.sort()).toEqual(inside.split('\n').filter(Boolean).map((line) => line.replace(/ -> $/, '')).sort());
  }, 600_000);

  it("loads a hand-made image with whiteouts and opaque folders; Berth applies them as dockerd does", async () => {
    await writeLayeredImage(store, [
      [
        ...shellRootfsEntries(['/usr/bin/find']),
        { path: 'opt/old/a', content: 'a\n' },
        { path: 'opt/old/b', content: 'b\n' },
        { path: 'opt/old/sub/c', content: 'c\n' },
        { path: 'opt/keep', content: 'keep\n' },
        { path: 'etc/remove-me', content: 'x\n' },
        { path: 'gone/x', content: 'x\n' },
        { path: 'gone/y/z', content: 'z\n' },
      ],
      [
        { path: 'opt/old/', type: 'directory', mode: 0o750 },
        { path: 'opt/old/.wh..wh..opq', content: '' },
        { path: 'opt/old/new', content: 'new\n' },
        { path: 'opt/keep', content: 'kept, changed\n', mode: 0o600 },
        { path: 'etc/.wh.remove-me', content: '' },
        { path: '.wh.gone', content: '' },
        { path: '.wh.never-existed', content: '' },
      ],
      [
        { path: 'opt/old/b', content: 'b again\n' },
        { path: 'opt/hl-target', content: 'target\n', mode: 0o640, uid: 5, gid: 6 },
        { path: 'lnk', type: 'symlink', target: '/opt' },
        { path: 'lnk/through', content: 'through\n' },
        { path: 'opt/hl', type: 'link', target: 'opt/hl-target', mode: 0o604, uid: 9, gid: 9 },
        { path: 'gone/back', content: 'back\n' },
      ],
    ], { tag: 'merged-whiteouts:1', compression: 'gzip' });
    const archive = path.join(dir, 'whiteouts.tar');
    expect(await runCaptured(['--store', storePath, 'save', '-o', archive, 'merged-whiteouts:1'])).toMatchObject({ code: 0 });
    await dockerd.dockerOk(['load', '-i', archive]);

    const files = await filesOf('merged-whiteouts:1');
    const expected = await containerView('merged-whiteouts:1');
    expect(expected.filter((line) => line.includes(' /opt/old'))).toEqual(['d 750 0:0 - /opt/old -> ', 'f 644 0:0 4 /opt/old/new -> ', 'f 644 0:0 8 /opt/old/b -> '].sort());
    expect(berthView(files)).toEqual(expected);
    const [docker, berth] = await bothTars('merged-whiteouts:1', files, '/opt');
    expect(berth).toEqual(docker);
  }, 600_000);

  it('berth cp to a folder writes what docker cp writes (no setuid bits, no devices)', async () => {
    const container = (await dockerd.dockerOk(['create', '--network', 'none', 'merged-step:2', '/bin/sh'])).trim();
    const fromDocker = path.join(dir, 'docker-cp');
    const fromBerth = path.join(dir, 'berth-cp');
    await dockerd.dockerOk(['cp', `${container}:/srv`, fromDocker]);
    await dockerd.dockerOk(['rm', container]);
    const copied = await runCaptured(['--store', storePath, 'cp', 'merged-step:2:/srv', fromBerth]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(copied.stderr).toBe('warning: skipped srv/dev/fifo: a FIFO is not created by an unprivileged copy\nwarning: skipped srv/dev/null: a character device is not created by an unprivileged copy\n');
    // /long was made by the applier as the parent of a file (no entry of its own): its time is when docker applied the
    // layer, which no image records.
    const comparable = (lines: string[]) => lines.map((line) => line.replace(/^(\/long d \d+ +)\d+/, '$1-'));
    const dockerTree = (await treeOf(fromDocker)).filter((line) => !/^\/dev\/(fifo|null) /.test(line)).map((line) => line.replace(/^\/setuid f 4755/, '/setuid f 755'));
    expect(comparable(await treeOf(fromBerth))).toEqual(comparable(dockerTree));
  }, 300_000);
});

function findLine(node: FileNode, at: string): string {
  const data = node.entry.kind === 'hardlink' ? (node.linkTarget ?? node) : node;
  const { entry } = data;
  const type = { file: 'f', dir: 'd', symlink: 'l', char: 'c', block: 'b', fifo: 'p' }[entry.kind as string] ?? '?';
  const size = entry.kind === 'symlink' ? Buffer.byteLength(entry.link) : entry.kind === 'file' ? entry.size : 0;
  return `${type} ${(entry.mode & 0o7777).toString(8)} ${entry.uid}:${entry.gid} ${size} ${at} -> ${entry.kind === 'symlink' ? entry.link : ''}`;
}

/** A folder's size is its directory blocks in the container (4096 on vfs) and nothing in an image: not compared. */
function withoutFolderSize(line: string): string {
  return line.startsWith('d ') ? line.replace(/^(d \S+ \S+) \d+ /, '$1 - ') : line;
}

/**
 * Rows as both tars should agree on them, sorted by name: file bytes by digest, permission bits only (Go's
 * FileInfoHeader also sets the file type's bits in the mode field, S_IFDIR and so on, which readers ignore), and no
 * folder times: a folder a later layer adds to without an entry of its own (or one the applier makes as a parent)
 * gets the time dockerd applied the layer, which no image records.
 */
function comparable(rows: TarRow[]): TarRow[] {
  return rows
    .map((row) => ({ ...row, mode: row.mode & 0o7777, mtime: row.type === 'directory' ? 0 : row.mtime, content: Buffer.from(createHash('sha256').update(row.content).digest('hex')) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Every path below `root`: type, mode, size, mtime, link target or content digest. */
async function treeOf(root: string): Promise<string[]> {
  const lines: string[] = [];
  const stack = [''];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    const at = path.join(root, rel);
    const info = await lstat(at);
    const type = info.isDirectory() ? 'd' : info.isSymbolicLink() ? 'l' : info.isFile() ? 'f' : info.isFIFO() ? 'p' : info.isCharacterDevice() ? 'c' : '?';
    const what = info.isSymbolicLink() ? await readlink(at) : info.isFile() ? createHash('sha256').update(await readFile(at)).digest('hex').slice(0, 16) : '';
    const mtime = info.isSymbolicLink() ? '' : String(Math.floor(info.mtimeMs / 1000));
    lines.push(`/${rel} ${type} ${(info.mode & 0o7777).toString(8)} ${info.isFile() ? info.size : ''} ${mtime} ${what}`);
    if (info.isDirectory()) for (const name of await readdir(at)) stack.push(rel === '' ? name : `${rel}/${name}`);
  }
  return lines.sort();
}
