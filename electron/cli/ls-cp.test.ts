// `berth ls` and `berth cp` in-process on a real store: ls -1 / ls -l output, a layer's changes marked, a file or a
// symlink as PATH, docker-like errors; cp to a folder, to a tar on stdout (never a terminal), with -L.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, tarRows } from '../core/files/test-support/tar-listing.js';
import { writeLayeredImage } from '../core/files/test-support/layered-image.js';
import { openStore } from '../core/store/store.js';
import { runCli } from './cli.js';
import { lsDate, modeString } from './commands/ls.js';
import { captureIo, runCaptured } from './test-support/capture-io.js';

let dir: string;
let store: string;
const OLD = new Date('2020-01-01T00:00:00Z');
const NOW = Date.parse('2024-06-01T12:00:00Z');
const RECENT = new Date('2024-05-20T08:09:00Z');

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-ls-cp-'));
  store = path.join(dir, 'store');
  await writeLayeredImage(await openStore(store), [
    [
      { path: 'bin/', type: 'directory' },
      { path: 'bin/sh', content: 'ELF!', mode: 0o4755 },
      { path: 'etc/', type: 'directory' },
      { path: 'etc/.hidden', content: '' },
      { path: 'etc/hosts', content: '127.0.0.1 localhost\n', mtime: RECENT },
      { path: 'etc/os-release', content: 'ID=test\n' },
      { path: 'lib', type: 'symlink', target: 'usr/lib' },
      { path: 'usr/lib/libz.so.1', content: 'zzzz', uid: 1000, gid: 10 },
      { path: 'usr/lib/libz.so', type: 'symlink', target: 'libz.so.1' },
      { path: 'tmp/', type: 'directory', mode: 0o1777 },
    ],
    [
      { path: 'etc/hosts', content: '127.0.0.1 localhost berth\n', mtime: RECENT },
      { path: 'etc/.wh.os-release', content: '' },
      { path: 'etc/new.conf', content: 'new\n' },
    ],
  ], { tag: 'example.com/tree:1' });
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const berth = (args: string[], options: { stdoutIsTTY?: boolean } = {}) => runCaptured(['--store', store, ...args], { now: () => NOW, ...options });

describe('berth ls', () => {
  it('lists names like ls -1, dot names with -a, through a symlinked folder', async () => {
    expect(await berth(['ls', 'example.com/tree:1'])).toEqual({ code: 0, stdout: 'bin\netc\nlib\ntmp\nusr\n', stderr: '' });
    expect((await berth(['ls', 'example.com/tree:1', '/etc'])).stdout).toBe('hosts\nnew.conf\n');
    expect((await berth(['ls', '-a', 'example.com/tree:1', 'etc/'])).stdout).toBe('.hidden\nhosts\nnew.conf\n');
    expect((await berth(['ls', 'example.com/tree:1', '/lib'])).stdout).toBe('libz.so\nlibz.so.1\n');
    expect((await berth(['ls', 'example.com/tree:1', '/lib/libz.so.1'])).stdout).toBe('/lib/libz.so.1\n');
  });

  it('prints ls -l columns: mode, uid, gid, size, date, name and link target', async () => {
    expect((await berth(['ls', '-l', 'example.com/tree:1', '/usr/lib'])).stdout).toBe(
      'lrwxrwxrwx    0  0 9 Jan  1  2020 libz.so -> libz.so.1\n' +
      '-rw-r--r-- 1000 10 4 Jan  1  2020 libz.so.1\n',
    );
    expect((await berth(['ls', '-l', 'example.com/tree:1', '/lib'])).stdout).toBe('lrwxrwxrwx 0 0 7 Jan  1  2020 /lib -> usr/lib\n');
    expect((await berth(['ls', '-l', 'example.com/tree:1', '/etc/hosts'])).stdout).toBe('-rw-r--r-- 0 0 26 May 20 08:09 /etc/hosts\n');
    const root = (await berth(['ls', '-l', 'example.com/tree:1'])).stdout.split('\n');
    expect(root.find((line) => line.endsWith(' bin'))).toBe('drwxr-xr-x 0 0  4 Jan  1  2020 bin'); // a folder's size: its files' bytes
    expect(root.find((line) => line.endsWith(' tmp'))).toMatch(/^drwxrwxrwt /);
  });

  it("marks a layer's changes as A, M and D", async () => {
    expect((await berth(['ls', '--layer', '2', 'example.com/tree:1'])).stdout).toBe('  etc\n');
    expect((await berth(['ls', '--layer', '2', 'example.com/tree:1', '/etc'])).stdout).toBe('M hosts\nA new.conf\nD os-release\n');
    expect((await berth(['ls', '-l', '--layer', '2', 'example.com/tree:1', '/etc/new.conf'])).stdout).toBe('A -rw-r--r-- 0 0 4 Jan  1  2020 /etc/new.conf\n');
  });

  it('says what is missing, as docker does, and exits 1', async () => {
    expect(await berth(['ls', 'example.com/tree:1', '/nope/x'])).toEqual({ code: 1, stdout: '', stderr: 'Error: Could not find the file /nope/x in image example.com/tree:1\n' });
    expect(await berth(['ls', 'example.com/tree:1', '/etc/os-release'])).toMatchObject({ code: 1, stderr: 'Error: Could not find the file /etc/os-release in image example.com/tree:1\n' });
    expect(await berth(['ls', '--layer', 'x', 'example.com/tree:1'])).toMatchObject({ code: 1, stderr: expect.stringContaining('invalid layer "x"') });
    expect(await berth(['ls', '--layer', '5', 'example.com/tree:1'])).toMatchObject({ code: 1, stderr: expect.stringContaining('has no layer 5 (it has 2') });
    expect(await berth(['ls', '--layer', '0', 'example.com/tree:1'])).toMatchObject({ code: 1, stderr: expect.stringContaining('invalid layer "0": give its number (1 = the base layer)') });
  });

  it("formats modes and dates as ls does", () => {
    expect(modeString({ kind: 'file', mode: 0o4755 })).toBe('-rwsr-xr-x');
    expect(modeString({ kind: 'file', mode: 0o2644 })).toBe('-rw-r-Sr--');
    expect(modeString({ kind: 'dir', mode: 0o1777 })).toBe('drwxrwxrwt');
    expect(modeString({ kind: 'char', mode: 0o666 })).toBe('crw-rw-rw-');
    expect(lsDate(RECENT.getTime() / 1000, NOW)).toBe('May 20 08:09');
    expect(lsDate(OLD.getTime() / 1000, NOW)).toBe('Jan  1  2020');
    expect(lsDate(NOW / 1000 + 3600, NOW)).toBe('Jun  1  2024'); // the future is shown with its year
  });
});

describe('berth cp', () => {
  async function cpToStdout(args: string[]) {
    const captured = captureIo({ env: {} });
    const sink = new PassThrough();
    const bytes = collect(sink);
    const code = await runCli(['--store', store, 'cp', ...args], { ...captured.io, binaryStdout: sink });
    sink.end();
    return { code, tar: await bytes, stderr: captured.stderr() };
  }

  it('writes the tar docker cp writes to stdout, never to a terminal', async () => {
    const { code, tar, stderr } = await cpToStdout(['example.com/tree:1:/etc', '-']);
    expect([code, stderr]).toEqual([0, '']);
    const rows = await tarRows(tar);
    expect(rows.map((row) => [row.name, row.type, row.content.toString()])).toEqual([
      ['etc/', 'directory', ''], ['etc/.hidden', 'file', ''], ['etc/hosts', 'file', '127.0.0.1 localhost berth\n'], ['etc/new.conf', 'file', 'new\n'],
    ]);
    const linked = await tarRows((await cpToStdout(['-L', 'example.com/tree:1:/usr/lib/libz.so', '-'])).tar);
    expect(linked).toEqual([expect.objectContaining({ name: 'libz.so', type: 'file', content: Buffer.from('zzzz') })]);
    expect(await berth(['cp', 'example.com/tree:1:/etc', '-'], { stdoutIsTTY: true })).toMatchObject({ code: 1, stderr: expect.stringContaining('refusing to write a tar archive to a terminal') });
  });

  it('copies into a folder by docker cp rules, and refuses what it cannot do', async () => {
    const dest = path.join(dir, 'out');
    await fs.mkdir(dest);
    expect(await berth(['cp', 'example.com/tree:1:/usr/lib', dest])).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await fs.readlink(path.join(dest, 'lib', 'libz.so'))).toBe('libz.so.1');
    expect(await fs.readFile(path.join(dest, 'lib', 'libz.so.1'), 'utf8')).toBe('zzzz');
    expect(await berth(['cp', 'example.com/tree:1:/bin/sh', path.join(dest, 'sh')])).toMatchObject({ code: 0 });
    expect((await fs.stat(path.join(dest, 'sh'))).mode & 0o7777).toBe(0o755);
    const onTerminal = await runCaptured(['--store', store, 'cp', 'example.com/tree:1:/usr/lib/libz.so.1', path.join(dest, 'z')], { stderrIsTTY: true });
    expect(onTerminal).toMatchObject({ code: 0, stdout: '' });
    expect(onTerminal.stderr.startsWith('Preparing to copy...')).toBe(true);
    expect(onTerminal.stderr.endsWith(`\r\x1b[2KSuccessfully copied 4B to ${path.join(dest, 'z')}\n`)).toBe(true);
    expect(await berth(['cp', 'example.com/tree:1:/nope', dest])).toEqual({ code: 1, stdout: '', stderr: 'Error: Could not find the file /nope in image example.com/tree:1\n' });
    expect(await berth(['cp', 'example.com/tree', dest])).toMatchObject({ code: 1, stderr: expect.stringContaining('is not IMAGE:SRC_PATH') });
    // A path relative to the root, as docker cp takes it.
    expect(await berth(['cp', 'example.com/tree:1:etc/hosts', path.join(dest, 'hosts')])).toMatchObject({ code: 0 });
    expect(await fs.readFile(path.join(dest, 'hosts'), 'utf8')).toBe('127.0.0.1 localhost berth\n');
    expect(await berth(['cp', dest, 'example.com/tree:1:/tmp'])).toMatchObject({ code: 1, stderr: expect.stringContaining('copies out of an image only') });
  });
});
