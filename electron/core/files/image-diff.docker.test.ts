// berth diff against docker diff, with a private dockerd (vfs, no network): a container changes, adds and deletes
// files in an image Berth wrote; `docker diff` lists its changes; `docker commit` + `docker save` bring the
// committed image into a Berth store, and `berth diff IMAGE COMMITTED` must list the same lines. The one difference
// kept on purpose: for a deleted folder docker lists only the folder, Berth everything that was in it too.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../cli/test-support/capture-io.js';
import { canStartDockerd, startDockerd, type Dockerd } from '../testing/dockerd.js';
import { findPeer } from '../testing/peers.mjs';
import { shellRootfsEntries } from '../testing/shell-rootfs.js';
import { makeRootfsTar } from '../testing/tarball.mjs';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('image-diff.docker.test.ts skipped: dockerd/docker missing or not running as root');

const SCRIPT = [
  'echo more >> /etc/motd', // content, size and mtime
  'chmod 600 /etc/passwd', // mode only
  'mkdir -p /app/sub && echo hi > /app/sub/new.txt', // a new folder with what is in it
  'rm -r /opt/old', // a folder deleted with two levels below it
  'rm /srv/gone', // one file deleted
  'ln -s /etc/motd /srv/motd-link', // a new symlink
  'rm /srv/data && mkdir /srv/data && echo x > /srv/data/inside', // a file that becomes a folder
].join(' && ');

describe.skipIf(!available)('berth diff against docker diff', () => {
  let dockerd: Dockerd;
  let dir: string;
  let store: string;

  beforeAll(async () => {
    dockerd = await startDockerd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-diff-docker-'));
    store = path.join(dir, 'store');
    const rootfs = path.join(dir, 'rootfs.tar');
    await writeFile(rootfs, await makeRootfsTar([
      ...shellRootfsEntries(['/bin/rm', '/bin/mkdir', '/bin/chmod', '/bin/ln']),
      { path: 'etc/motd', content: 'welcome\n' },
      { path: 'opt/old/a.txt', content: 'aaaa' },
      { path: 'opt/old/sub/b.txt', content: 'bbbbbb' },
      { path: 'opt/keep.txt', content: 'kept' },
      { path: 'srv/gone', content: 'to be deleted' },
      { path: 'srv/data', content: 'a file, then a folder' },
      { path: 'srv/same', content: 'untouched' },
    ]));
    expect(await berth(['import', rootfs, 'difftest:1'])).toMatchObject({ code: 0 });
  }, 120_000);
  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function berth(args: string[]) {
    return runCaptured(['--store', store, ...args], { env: { ...dockerd.env } });
  }

  it('lists what docker diff lists for a container committed as an image', async () => {
    const archive = path.join(dir, 'base.tar');
    expect(await berth(['save', '-o', archive, 'difftest:1'])).toMatchObject({ code: 0, stderr: '' });
    await dockerd.dockerOk(['load', '-i', archive]);
    await dockerd.dockerOk(['run', '--network', 'none', '--name', 'changer', 'difftest:1', '/bin/sh', '-c', SCRIPT]);
    const byPath = (x: string, y: string) => (x.slice(2) < y.slice(2) ? -1 : x.slice(2) > y.slice(2) ? 1 : 0);
    const dockerLines = (await dockerd.dockerOk(['diff', 'changer'])).trim().split('\n').sort(byPath);

    await dockerd.dockerOk(['commit', 'changer', 'difftest:committed']);
    const committed = path.join(dir, 'committed.tar');
    await dockerd.dockerOk(['save', '-o', committed, 'difftest:committed']);
    expect(await berth(['load', '-i', committed])).toMatchObject({ code: 0 });

    const result = await berth(['diff', 'difftest:1', 'difftest:committed']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const berthLines = result.stdout.trim().split('\n');
    expect(berthLines).toEqual([...berthLines].sort(byPath)); // docker's order, by path

    // What docker printed, for the record of what it means by a change.
    expect(dockerLines).toEqual([
      'A /app', 'A /app/sub', 'A /app/sub/new.txt',
      'C /etc', 'C /etc/motd', 'C /etc/passwd',
      'C /opt', 'D /opt/old',
      'C /srv', 'C /srv/data', 'A /srv/data/inside', 'D /srv/gone', 'A /srv/motd-link',
    ].sort(byPath));
    // Berth's lines are docker's, plus the contents of the deleted folder.
    const below = (line: string) => dockerLines.some((d) => d.startsWith('D ') && line.startsWith(`D ${d.slice(2)}/`));
    expect(berthLines.filter((line) => !below(line))).toEqual(dockerLines);
    expect(berthLines.filter(below)).toEqual(['D /opt/old/a.txt', 'D /opt/old/sub', 'D /opt/old/sub/b.txt']);

    const sizes = await berth(['diff', '--format', '{{.Kind}} {{.Path}} {{.SizeBefore}} {{.Size}} {{.Delta}}', 'difftest:1', 'difftest:committed']);
    expect(sizes.stdout).toContain('C /etc/motd 8 13 5\n');
    expect(sizes.stdout).toContain('D /opt/old/sub/b.txt 6 0 -6\n');
    expect(sizes.stdout).toContain('C /srv/data 21 0 -21\n');
  }, 240_000);
});
