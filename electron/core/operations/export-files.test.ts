// saveImageFiles, the Files tab's Save…: a file's bytes as they are, a folder as docker cp's tar, through a task
// that reports bytes and leaves no partial file when it fails or is cancelled.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskInfo } from '../../../shared/api.js';
import { taskResult } from '../../../shared/tasks.js';
import { writeLayeredImage } from '../files/test-support/layered-image.js';
import { tarRows } from '../files/test-support/tar-listing.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { openStore } from '../store/store.js';

let dir: string;
let service: BerthService;
const BIG = Buffer.alloc(3 << 20, 0x61);

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-export-files-'));
  const storePath = path.join(dir, 'store');
  await writeLayeredImage(await openStore(storePath), [[
    { path: 'etc/hosts', content: '127.0.0.1 localhost\n' },
    { path: 'etc/hosts.link', type: 'symlink', target: 'hosts' },
    { path: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 },
    { path: 'var/big.bin', content: BIG },
  ]], { tag: 'example.com/save-files:1' });
  service = await createService({ storePath, env: {} });
});
afterAll(async () => {
  await service?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('saveImageFiles', () => {
  it("saves a file's bytes as they are (through a symlink) and a folder as a tar", async () => {
    const file = path.join(dir, 'hosts');
    const saved = await taskResult(service, await service.saveImageFiles('example.com/save-files:1', '/etc/hosts.link', { path: file }));
    expect(saved).toEqual({ path: '/etc/hosts.link', entries: 1, bytes: 20 });
    expect(await fs.readFile(file, 'utf8')).toBe('127.0.0.1 localhost\n');
    const tar = path.join(dir, 'etc.tar');
    const updates: TaskInfo[] = [];
    const stop = service.onEvent((event) => event.type === 'task.update' && updates.push(event.task));
    const folder = await taskResult(service, await service.saveImageFiles('example.com/save-files:1', '/etc', { path: tar }));
    stop();
    expect(folder).toMatchObject({ path: '/etc', entries: 3, bytes: (await fs.stat(tar)).size });
    expect((await tarRows(await fs.readFile(tar))).map((row) => [row.name, row.type])).toEqual([['etc/', 'directory'], ['etc/hosts', 'file'], ['etc/hosts.link', 'symlink']]);
    expect(updates.at(-1)).toMatchObject({ kind: 'export-files', state: 'done', progress: { current: 20, total: 20 } });
  });

  it('refuses what has no bytes, and leaves no file when cancelled', async () => {
    await expect(service.saveImageFiles('example.com/save-files:1', '/dev/null', { path: path.join(dir, 'null') })).rejects.toThrow('cannot save /dev/null: it is a character device');
    await expect(service.saveImageFiles('example.com/save-files:1', '/nope', { path: path.join(dir, 'nope') })).rejects.toThrow('Could not find the file /nope');
    const target = path.join(dir, 'big.bin');
    const handle = await service.saveImageFiles('example.com/save-files:1', '/var/big.bin', { path: target });
    await service.cancelTask(handle.taskId);
    await expect(taskResult(service, handle)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await fs.readdir(dir)).filter((name) => name.includes('big.bin'))).toEqual([]);
  });
});
