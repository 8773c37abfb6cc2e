// The tarball a row dragged out of the window becomes: written whole (a save task) before the drag starts, kept
// for a while under the name the user sees, then removed; a failed save leaves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { access, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createService } from '../core/service.js';
import type { BerthService } from '../core/service-api.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { taskResult } from '../../shared/tasks.js';
import { DragOut, dragFileName } from './drag-out.js';

let dir: string;
let service: BerthService;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-drag-test-'));
  service = await createService({ storePath: path.join(dir, 'store') });
  const rootfs = path.join(dir, 'rootfs.tar');
  await writeFile(rootfs, await makeRootfsTar({ 'etc/hello': 'hi\n' }));
  await taskResult(service, await service.importRootfs({ path: rootfs }, { reference: 'dragged:1' }));
});
afterAll(async () => {
  await service?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('DragOut', () => {
  it('writes the whole tarball under its name in a private folder, loadable, and removes it after its time', async () => {
    const parent = await mkdtemp(path.join(dir, 'tmp-'));
    const drag = new DragOut(service, { parent, ttlMs: 300 });
    const file = await drag.write(['dragged:1'], 'dragged_1.tar');
    expect(path.basename(file)).toBe('dragged_1.tar');
    const [privateDir] = await readdir(parent);
    expect((await stat(path.join(parent, privateDir!))).mode & 0o777).toBe(0o700);
    const other = await createService({ storePath: path.join(dir, 'other') });
    try {
      const loaded = await taskResult(other, await other.load({ path: file }));
      expect(loaded.images[0]!.tags).toEqual(['docker.io/library/dragged:1']);
    } finally {
      await other.close();
    }
    await expect.poll(() => access(file).then(() => true, () => false), { timeout: 3000 }).toBe(false);
    await drag.close();
    expect(await readdir(parent)).toEqual([]);
  });

  it('leaves nothing when the save fails, and says why', async () => {
    const parent = await mkdtemp(path.join(dir, 'tmp-'));
    const drag = new DragOut(service, { parent });
    await expect(drag.write(['missing:1'], 'x.tar')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [privateDir] = await readdir(parent);
    expect(await readdir(path.join(parent, privateDir!))).toEqual([]);
    await drag.close();
  });

  it('writes a path of an image (saveImageFiles) under its own name, and leaves nothing when that fails', async () => {
    const parent = await mkdtemp(path.join(dir, 'tmp-'));
    const asked: unknown[] = [];
    const exporter = {
      save: service.save.bind(service),
      waitTask: async (taskId: string) => ({ state: taskId === 'ok' ? 'done' : 'failed', error: taskId === 'ok' ? null : { code: 'NOT_FOUND', message: '/nope does not exist' } }),
      saveImageFiles: async (reference: string, imagePath: string, target: { path?: string }) => {
        asked.push([reference, imagePath]);
        await writeFile(target.path!, 'listen 8080;\n');
        return { taskId: imagePath === '/nope' ? 'bad' : 'ok', kind: 'export-files' as const };
      },
    } as unknown as ConstructorParameters<typeof DragOut>[0];
    const drag = new DragOut(exporter, { parent });
    const file = await drag.writeFiles('app:1', '/etc/app.conf', 'app.conf');
    expect(path.basename(file)).toBe('app.conf');
    expect(await readFile(file, 'utf8')).toBe('listen 8080;\n');
    expect(asked).toEqual([['app:1', '/etc/app.conf']]);
    await expect(drag.writeFiles('app:1', '/nope', 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const [privateDir] = await readdir(parent);
    expect(await readdir(path.join(parent, privateDir!))).toHaveLength(1); // the first drag's folder only
    await drag.close();
    await expect(new DragOut({ save: exporter.save, waitTask: exporter.waitTask }).writeFiles('app:1', '/etc', 'etc.tar')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('keeps a file name a file name', () => {
    expect(dragFileName('../../x.tar')).toBe('_.._x.tar');
    expect(dragFileName('')).toBe('images.tar');
    expect(dragFileName('..', 'file')).toBe('file');
    expect(dragFileName('a\nb.tar')).toBe('a_b.tar');
  });
});
