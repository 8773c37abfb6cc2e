// berth ls -l against GNU ls -ln in a container of dockerd (vfs, no network): for the same image, each entry's
// type and permission letters (setuid/setgid/sticky, S and T without x), owner ids, file size, name and symlink
// target must read the same. Differences kept on purpose: Berth's folder size is the bytes below it (du), not the
// directory block; no link-count column; dates in UTC words.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartDockerd, startDockerd, type Dockerd } from '../core/testing/dockerd.js';
import { findPeer } from '../core/testing/peers.mjs';
import { shellRootfsEntries } from '../core/testing/shell-rootfs.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { runCaptured } from './test-support/capture-io.js';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('ls.docker.test.ts skipped: dockerd/docker missing or not running as root');

describe.skipIf(!available)('berth ls -l against ls -ln in a container', () => {
  let dockerd: Dockerd;
  let dir: string;
  let store: string;
  const berth = (args: string[]) => runCaptured(['--store', store, ...args], { env: { ...dockerd.env } });

  beforeAll(async () => {
    dockerd = await startDockerd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-ls-docker-'));
    store = path.join(dir, 'store');
    const rootfs = path.join(dir, 'rootfs.tar');
    await writeFile(rootfs, await makeRootfsTar([
      ...shellRootfsEntries(['/bin/ls']),
      { path: 'x/', type: 'directory' },
      { path: 'x/suid', content: 'ELF!', mode: 0o4755, uid: 1000, gid: 10 },
      { path: 'x/sgid-noexec', content: 'abc', mode: 0o2644 },
      { path: 'x/sticky/', type: 'directory', mode: 0o1777 },
      { path: 'x/sticky-noexec/', type: 'directory', mode: 0o1776 },
      { path: 'x/private', content: 'secret\n', mode: 0o600, uid: 65534, gid: 65534 },
      { path: 'x/lnk', type: 'symlink', target: '../etc/some where' },
      { path: 'x/fifo', type: 'fifo', mode: 0o640 },
      { path: 'x/with space', content: '' },
    ]));
    const imported = await berth(['import', rootfs, 'lstest:1']);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const archive = path.join(dir, 'image.tar');
    expect(await berth(['save', '-o', archive, 'lstest:1'])).toMatchObject({ code: 0 });
    await dockerd.dockerOk(['load', '-i', archive]);
  }, 180_000);
  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('prints the same mode letters, owners, sizes, names and targets', async () => {
    const listed = await dockerd.dockerOk(['run', '--rm', '--network', 'none', 'lstest:1', '/bin/ls', '-ln', '--time-style=+%s', '--quoting-style=literal', '/x']);
    // mode links uid gid size|major, minor epoch name [-> target]
    const docker = listed.trim().split('\n').filter((line) => !line.startsWith('total')).map((line) => {
      const m = /^(\S+) +\d+ +(\d+) +(\d+) +(\d+|\d+, +\d+) +\d+ (.*)$/.exec(line)!;
      return { mode: m[1], uid: m[2], gid: m[3], size: m[4]!.includes(',') ? 'device' : m[4], name: m[5] };
    });
    const result = await berth(['ls', '-l', 'lstest:1', '/x']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const ours = result.stdout.trim().split('\n').map((line) => {
      const m = /^(\S+) +(\d+) +(\d+) +(\d+) \w{3} [ \d]\d [ \d]\d[:\d]\d\d (.*)$/.exec(line)!;
      return { mode: m[1], uid: m[2], gid: m[3], size: m[1]!.startsWith('c') ? 'device' : m[4], name: m[5] };
    });
    // Folder sizes differ on purpose (bytes below vs the directory block).
    const comparable = (rows: typeof ours) => rows.map((row) => (row.mode!.startsWith('d') ? { ...row, size: 'dir' } : row));
    expect(comparable(ours)).toEqual(comparable(docker));
    expect(ours.map((row) => row.mode)).toEqual(expect.arrayContaining(['-rwsr-xr-x', '-rw-r-Sr--', 'drwxrwxrwt', 'drwxrwxrwT']));
  }, 180_000);
});
