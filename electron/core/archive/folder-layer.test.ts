// A folder as a layer: read back by Berth's Go-like tar reader and by GNU tar, the same bytes for the same tree,
// nothing read through a symlink, special files refused.
import { spawnSync } from 'node:child_process';
import { chown, mkdir, mkdtemp, rm, symlink, unlink, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openFolderLayer, layerPath } from './folder-layer.js';
import { readWithBerth } from './test-support/tar-read.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-folder-layer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function bytesOf(sources: Parameters<typeof openFolderLayer>[0]): Promise<Buffer> {
  const layer = await openFolderLayer(sources);
  const chunks: Uint8Array[] = [];
  for await (const chunk of layer.stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const when = new Date('2023-04-05T06:07:08Z');

async function tree(): Promise<string> {
  const root = path.join(dir, 'tree');
  const long = 'd'.repeat(80);
  await mkdir(path.join(root, long), { recursive: true });
  await writeFile(path.join(root, 'b.txt'), 'bee\n', { mode: 0o600 });
  await writeFile(path.join(root, 'a.sh'), '#!/bin/sh\n', { mode: 0o755 });
  await writeFile(path.join(root, long, `${'f'.repeat(90)}.txt`), 'deep\n');
  await writeFile(path.join(root, 'ünï.txt'), 'utf8 name\n');
  await symlink('/etc/passwd', path.join(root, 'to-passwd'));
  spawnSync('ln', [path.join(root, 'a.sh'), path.join(root, 'z-hard')]);
  if (process.getuid?.() === 0) await chown(path.join(root, 'b.txt'), 1234, 4321);
  for (const p of ['b.txt', 'a.sh', long, `${long}/${'f'.repeat(90)}.txt`, 'ünï.txt', '.']) await utimes(path.join(root, p), when, when);
  spawnSync('touch', ['-h', '-d', when.toISOString(), path.join(root, 'to-passwd')]);
  return root;
}

describe('openFolderLayer', () => {
  it('writes every kind of entry so that Go-like readers and GNU tar read the tree back as it is', async () => {
    const root = await tree();
    const bytes = await bytesOf([{ dir: root, dest: '/srv/app' }]);
    const read = readWithBerth(bytes);
    if ('error' in read) throw read.error;
    const long = 'd'.repeat(80);
    expect(read.entries.map((e) => [e.name, e.type, e.linkname])).toEqual([
      ['srv/app/', 'directory', ''],
      ['srv/app/a.sh', 'file', ''],
      ['srv/app/b.txt', 'file', ''],
      [`srv/app/${long}/`, 'directory', ''],
      [`srv/app/${long}/${'f'.repeat(90)}.txt`, 'file', ''],
      ['srv/app/to-passwd', 'symlink', '/etc/passwd'],
      ['srv/app/z-hard', 'link', 'srv/app/a.sh'],
      ['srv/app/ünï.txt', 'file', ''],
    ]);
    const listing = spawnSync('tar', ['--numeric-owner', '--full-time', '-tvf', '-'], { input: bytes }).stdout.toString();
    expect(listing).toContain(`-rwxr-xr-x 0/0              10 ${'2023-04-05 06:07:08'} srv/app/a.sh`);
    if (process.getuid?.() === 0) expect(listing).toMatch(/-rw------- 1234\/4321 +4 2023-04-05 06:07:08 srv\/app\/b\.txt/);
    expect(listing).toContain('srv/app/to-passwd -> /etc/passwd');
    expect(listing).toContain('srv/app/z-hard link to srv/app/a.sh');
    const extracted = path.join(dir, 'out');
    await mkdir(extracted);
    expect(spawnSync('tar', ['-xf', '-', '-C', extracted], { input: bytes }).status).toBe(0);
    expect(spawnSync('cat', [path.join(extracted, 'srv/app', long, `${'f'.repeat(90)}.txt`)]).stdout.toString()).toBe('deep\n');
  });

  it('gives the same bytes for the same tree, and other bytes when a time or a mode changes', async () => {
    const root = await tree();
    const first = await bytesOf([{ dir: root, dest: '/' }]);
    expect(await bytesOf([{ dir: root, dest: '/' }])).toEqual(first);
    await utimes(path.join(root, 'b.txt'), when, new Date('2023-04-05T06:07:09Z'));
    expect(await bytesOf([{ dir: root, dest: '/' }])).not.toEqual(first);
    // The root folder at / is the layer's root: no entry for it.
    const read = readWithBerth(first);
    if ('error' in read) throw read.error;
    expect(read.entries[0]?.name).toBe('a.sh');
  });

  it('never follows a symlink: not while walking, not when a file becomes one before it is read', async () => {
    const outside = path.join(dir, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret'), 'secret\n');
    const root = path.join(dir, 'walk');
    await mkdir(root);
    await symlink(outside, path.join(root, 'dir-link'));
    await writeFile(path.join(root, 'victim'), 'victim\n');
    const bytes = await bytesOf([{ dir: root, dest: '/' }]);
    expect(bytes.includes(Buffer.from('secret\n'))).toBe(false);

    const layer = await openFolderLayer([{ dir: root, dest: '/' }]);
    const iterator = layer.stream[Symbol.asyncIterator]();
    await iterator.next(); // dir-link's header
    await iterator.next(); // victim's header: the walk has seen a regular file
    await unlink(path.join(root, 'victim'));
    await symlink(path.join(outside, 'secret'), path.join(root, 'victim'));
    await expect(iterator.next()).rejects.toThrow(/victim: it became a symlink while being added/);
  });

  it('refuses sockets by name, and folders that are not there', async () => {
    const root = path.join(dir, 'sock');
    await mkdir(root);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(root, 's.sock'), resolve));
    try {
      await expect(bytesOf([{ dir: root, dest: '/' }])).rejects.toThrow(/s\.sock: it is a socket/);
    } finally {
      server.close();
    }
    await expect(openFolderLayer([{ dir: path.join(dir, 'nope'), dest: '/' }])).rejects.toThrow(/no such file or directory/);
  });

  it('places the folder at DEST, refusing a DEST that climbs out', () => {
    expect(layerPath('/')).toBe('');
    expect(layerPath('/srv//app/')).toBe('srv/app');
    expect(layerPath('opt')).toBe('opt');
    expect(() => layerPath('/srv/../../etc')).toThrow(/must not contain/);
  });
});
