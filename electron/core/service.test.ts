// The service on a real store: docker's tag, rmi, prune and list semantics, and import as a task.
import { mkdtemp, readdir, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BerthEvent, ImportOptions, ImportResult } from '../../shared/api.js';
import { taskResult } from '../../shared/tasks.js';
import { createService } from './service.js';
import { openStore } from './store/store.js';
import { ANNOTATIONS } from './oci/annotations.js';
import { MEDIA_TYPES } from './oci/media-types.js';
import { setTag as tagInIndex, writeTestImage } from './store/test-support/image.js';
import type { BerthService, CoreFileSource } from './service-api.js';
import { makeRootfsTar } from './testing/tarball.mjs';

let dir: string;
let service: BerthService;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-service-'));
  service = await createService({ storePath: dir });
});
afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

async function importImage(reference: string | undefined, content: string, options: { changes?: string[]; message?: string } = {}) {
  const bytes = await makeRootfsTar({ 'etc/content': content });
  return imported({ stream: Readable.from([bytes]), size: bytes.length }, { ...(reference ? { reference } : {}), ...options });
}

/** Starts an import and follows its own task to the end: the result, or the task's error. */
async function imported(source: CoreFileSource, options: ImportOptions) {
  return taskResult(service, await service.importRootfs(source, options));
}

/** What a pull would have recorded: the registry digest the entries of `reference`'s image came by. */
async function recordRepoDigest(reference: string, repoDigest: string) {
  const store = await openStore(dir);
  await store.updateIndex((index) => {
    const entry = index.manifests.find((e) => e.annotations?.[ANNOTATIONS.refName] === reference)!;
    entry.annotations = { ...entry.annotations, [ANNOTATIONS.repoDigests]: repoDigest };
  });
}

const rows = async () => (await service.listImages()).map((i) => `${i.repository}:${i.tag}`).sort();

/** The one layer of an imported image: stored uncompressed, so its digest is its diff ID. */
const layerOf = async (reference: string) => (await service.inspectImage(reference)).RootFS.Layers?.[0] ?? '';

describe('service', () => {
  it('imports as a task and lists the image under its familiar name', async () => {
    const events: BerthEvent[] = [];
    service.onEvent((e) => events.push(e));
    const result = await importImage('ubuntu:14.04', 'a', { message: 'hello', changes: ['ENV A=1', 'CMD ["sh"]'] });
    expect(result.reference).toBe('docker.io/library/ubuntu:14.04');
    const [image] = await service.listImages();
    expect(image).toMatchObject({ repository: 'ubuntu', tag: '14.04', id: result.id, dangling: false });
    const inspect = await service.inspectImage('ubuntu:14.04');
    expect(inspect.Comment).toBe('hello');
    expect(inspect.Config.Env).toEqual(['A=1']);
    expect(inspect.Config.Cmd).toEqual(['sh']);
    expect(inspect.RepoTags).toEqual(['ubuntu:14.04']);
    const done = events.filter((e): e is Extract<BerthEvent, { type: 'task.update' }> => e.type === 'task.update').at(-1);
    expect(done?.task.state).toBe('done');
    expect(events.some((e) => e.type === 'store.changed')).toBe(true);
  });

  it('keeps an image that loses its last tag as dangling, as docker does', async () => {
    const first = await importImage('app:1', 'one');
    await importImage('app:1', 'two');
    const list = await service.listImages();
    expect(list.find((i) => i.id === first.id)).toMatchObject({ repository: '<none>', tag: '<none>', dangling: true });
    expect(await service.listImages({ filters: ['dangling=false'] })).toHaveLength(1);
    const pruned = await service.prune();
    expect(pruned.deleted).toEqual([first.id]);
    expect(pruned.spaceReclaimed).toBeGreaterThan(0);
    expect(await rows()).toEqual(['app:1']);
  });

  it('removes a tag by name, and the image with its last tag', async () => {
    const img = await importImage('a:1', 'x');
    await service.tag('a:1', 'b:2');
    expect(await rows()).toEqual(['a:1', 'b:2']);
    const layer = await layerOf('a:1');
    const first = await service.remove(['a:1']);
    expect(first.items).toEqual([{ untagged: 'a:1' }]);
    const second = await service.remove(['b:2']);
    expect(second.items).toEqual([{ untagged: 'b:2' }, { deleted: img.id }, { deletedLayer: layer }]);
    expect(await rows()).toEqual([]);
    expect((await service.fsck()).problems.filter((p) => p.kind !== 'orphan')).toEqual([]);
    expect((await service.diskUsage()).storeSize).toBe(0);
  });

  it('names a layer as deleted only with the last image that uses it, as docker does', async () => {
    const one = await importImage('one:1', 'shared');
    const two = await importImage('two:1', 'shared', { message: 'same layer, another image' });
    const own = await importImage('own:1', 'own');
    const shared = await layerOf('one:1');
    const ownLayer = await layerOf('own:1');
    expect(await layerOf('two:1')).toBe(shared);
    expect((await service.remove(['one:1'])).items).toEqual([{ untagged: 'one:1' }, { deleted: one.id }]);
    // In one batch too: the shared layer goes with the second image that used it.
    const report = await service.remove(['own:1', 'two:1', 'nope:1']);
    expect(report.items).toEqual([
      { untagged: 'own:1' }, { deleted: own.id }, { deletedLayer: ownLayer },
      { untagged: 'two:1' }, { deleted: two.id }, { deletedLayer: shared },
    ]);
    expect((await service.diskUsage()).storeSize).toBe(0);
  });

  it('inspect lists RepoTags in the order of the full references, as docker does', async () => {
    await importImage('zeta/app:1', 'x');
    for (const name of ['quay.io/b:2', 'alpha:9', 'localhost:5000/m:1', 'alpha:10']) await service.tag('zeta/app:1', name);
    // Measured on dockerd 20.10 with the same tags made in the same order.
    expect((await service.inspectImage('alpha:9')).RepoTags).toEqual(['alpha:10', 'alpha:9', 'zeta/app:1', 'localhost:5000/m:1', 'quay.io/b:2']);
  });

  it('refuses to remove an ID that several tags share unless forced', async () => {
    const img = await importImage('a:1', 'x');
    await service.tag('a:1', 'b:1');
    const short = img.id.slice(7, 19);
    const refused = await service.remove([short]);
    expect(refused.items).toEqual([]);
    expect(refused.errors[0]?.error).toEqual({
      code: 'CONFLICT',
      message: `conflict: unable to delete ${short} (must be forced) - image is referenced in multiple repositories`,
    });
    const layer = await layerOf('a:1');
    const forced = await service.remove([short], { force: true });
    expect(forced.items).toEqual([{ untagged: 'a:1' }, { untagged: 'b:1' }, { deleted: img.id }, { deletedLayer: layer }]);
  });

  it('untags in the order of the full references when forced to remove an ID, as docker does', async () => {
    const img = await importImage('zeta/app:1', 'x');
    await service.tag('zeta/app:1', 'quay.io/b:2');
    await service.tag('zeta/app:1', 'alpha:9');
    const layer = await layerOf(img.id);
    const forced = await service.remove([img.id], { force: true });
    expect(forced.items).toEqual([
      { untagged: 'alpha:9' }, { untagged: 'zeta/app:1' }, { untagged: 'quay.io/b:2' }, { deleted: img.id }, { deletedLayer: layer },
    ]);
  });

  it('removes a repository digest as a name of its own and keeps the tag, as docker rmi name@digest does', async () => {
    const img = await importImage('app:1', 'x');
    const digest = `sha256:${'ab'.repeat(32)}`;
    await recordRepoDigest('docker.io/library/app:1', `docker.io/library/app@${digest}`);
    expect((await service.inspectImage('app:1')).RepoDigests).toEqual([`app@${digest}`]);
    const report = await service.remove([`app@${digest}`]);
    expect(report).toEqual({ items: [{ untagged: `app@${digest}` }], errors: [] });
    expect(await rows()).toEqual(['app:1']);
    const inspect = await service.inspectImage('app:1');
    expect(inspect.Id).toBe(img.id);
    expect(inspect.RepoDigests).toEqual([]);
  });

  it('finds a dangling image by the repository digest it kept, and deletes it with that name', async () => {
    const first = await importImage('app:1', 'one');
    const layer = await layerOf('app:1');
    const digest = `sha256:${'cd'.repeat(32)}`;
    await recordRepoDigest('docker.io/library/app:1', `docker.io/library/app@${digest}`);
    await importImage('app:1', 'two');
    expect((await service.inspectImage(`app@${digest}`)).Id).toBe(first.id);
    const report = await service.remove([`app@${digest}`]);
    expect(report).toEqual({ items: [{ untagged: `app@${digest}` }, { deleted: first.id }, { deletedLayer: layer }], errors: [] });
    expect((await service.listImages()).map((i) => i.id)).not.toContain(first.id);
  });

  it('resolves unique ID prefixes and names ambiguous or unknown ones', async () => {
    const img = await importImage('a:1', 'x');
    expect((await service.inspectImage(img.id.slice(7, 10))).Id).toBe(img.id);
    expect((await service.inspectImage(img.id)).Id).toBe(img.id);
    await expect(service.inspectImage('nope:1')).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such image: nope:1' });
    await expect(service.inspectImage('Bad')).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
  });

  it('filters by reference pattern, label, before and since', async () => {
    const old = await importImage('web/front:1', 'a', { changes: ['LABEL tier=front'] });
    await new Promise((r) => setTimeout(r, 20));
    await importImage('web/back:1', 'b', { changes: ['LABEL tier=back'] });
    const names = async (filters: string[]) => (await service.listImages({ filters })).map((i) => i.repository).sort();
    expect(await names(['reference=web/*'])).toEqual(['web/back', 'web/front']);
    expect(await names(['reference=web/f*:1'])).toEqual(['web/front']);
    expect(await names(['label=tier=back'])).toEqual(['web/back']);
    expect(await names(['label=tier'])).toEqual(['web/back', 'web/front']);
    expect(await names([`since=${old.id}`])).toEqual(['web/back']);
    expect(await names(['before=web/back:1'])).toEqual(['web/front']);
    await expect(service.listImages({ filters: ['colour=red'] })).rejects.toMatchObject({ message: "invalid filter 'colour'" });
  });

  it('counts shared layers once in disk usage', async () => {
    const a = await importImage('a:1', 'same');
    await service.tag('a:1', 'a:2');
    // Same rootfs, another message: a second image ID over the very same layer.
    const b = await importImage('b:1', 'same', { message: 'another config' });
    expect(b.id).not.toBe(a.id);
    const df = await service.diskUsage();
    const list = await service.listImages();
    const sizeA = list.find((i) => i.id === a.id)!.size;
    expect(df.images).toBe(3);
    expect(df.uniqueImages).toBe(2);
    expect(df.totalSize).toBe(2 * sizeA);
    expect(df.uniqueSize).toBe(sizeA);
    expect(list.find((i) => i.id === b.id)!.sharedSize).toBe(sizeA);
    expect(df.reclaimable).toBe(0);
  });

  it('counts nothing as reclaimable that gc keeps: every platform of a tagged index', async () => {
    const store = await openStore(dir);
    const session = await store.beginWrite();
    const amd64 = await writeTestImage(session);
    const arm64 = await writeTestImage(session);
    const index = await session.writeBlobBytes(JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA_TYPES.ociIndex,
      manifests: [
        { ...amd64, platform: { os: 'linux', architecture: 'amd64' } },
        { ...arm64, platform: { os: 'linux', architecture: 'arm64' } },
      ],
    }));
    await session.commit((i) => tagInIndex(i, 'docker.io/library/multi:1', { mediaType: MEDIA_TYPES.ociIndex, ...index }));
    expect(await rows()).toEqual(['multi:1']);
    const before = await service.diskUsage();
    expect((await store.gc()).bytes).toBe(0);
    expect(before.reclaimable).toBe(0);
  });

  it.runIf(process.platform === 'linux')('closes the input file when the import fails before reading it', async () => {
    const file = path.join(dir, '..', `${path.basename(dir)}-rootfs.tar`);
    await writeFile(file, await makeRootfsTar({ 'etc/x': 'y' }));
    // A disk with no room: the first blob write refuses to start.
    await service.close();
    service = await createService({ storePath: dir, store: { freeSpace: { probe: async () => ({ available: 0, total: 100 * 1024 ** 3 }) } } });
    try {
      await expect(imported({ path: file }, { reference: 'x:1' })).rejects.toMatchObject({ code: 'NO_SPACE' });
      await new Promise((r) => setTimeout(r, 50));
      const open = await Promise.all((await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
      expect(open).not.toContain(file);
    } finally {
      await rm(file, { force: true });
    }
  });

  it('cancels an import through its task and leaves nothing behind', async () => {
    const tasks: string[] = [];
    service.onEvent((e) => {
      if (e.type === 'task.update' && e.task.state === 'running' && !tasks.includes(e.task.id)) {
        tasks.push(e.task.id);
        void service.cancelTask(e.task.id);
      }
    });
    async function* slow() {
      const bytes = await makeRootfsTar({ 'etc/x': 'y'.repeat(100_000) });
      for (let i = 0; i < bytes.length; i += 1024) {
        yield bytes.subarray(i, i + 1024);
        await new Promise((r) => setTimeout(r, 2));
      }
    }
    await expect(imported({ stream: Readable.from(slow()) }, { reference: 'c:1' })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await service.listTasks())[0]?.state).toBe('cancelled');
    expect(await rows()).toEqual([]);
    const fsck = await service.fsck();
    expect(fsck.ok).toBe(true);
  });

  it('cancels an import that waits for a store lock another writer holds', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const other = await openStore(dir);
    const holding = other.updateIndex(async () => {
      await held;
    });
    let cancelled = false;
    service.onEvent((e) => {
      const { progress } = e.type === 'task.update' ? e.task : { progress: null };
      if (!cancelled && progress && progress.total !== null && progress.current >= progress.total) {
        cancelled = true;
        // The whole file is read; give the import time to reach commit, where it waits for the lock.
        setTimeout(() => void service.cancelTask((e as Extract<BerthEvent, { type: 'task.update' }>).task.id), 300);
      }
    });
    try {
      await expect(importImage('waits:1', 'x')).rejects.toMatchObject({ code: 'CANCELLED' });
    } finally {
      release();
      await holding;
    }
    expect(await rows()).toEqual([]);
    expect((await service.fsck()).ok).toBe(true);
  });

  it('gives each of two concurrent imports its own task handle, progress and result', async () => {
    const [a, b] = await Promise.all([makeRootfsTar({ 'etc/a': 'a'.repeat(300_000) }), makeRootfsTar({ 'etc/b': 'b' })]);
    const updates = new Map<string, number>();
    service.onEvent((e) => {
      if (e.type === 'task.update') updates.set(e.task.id, (updates.get(e.task.id) ?? 0) + 1);
    });
    const [first, second] = await Promise.all([
      service.importRootfs({ stream: Readable.from([a]), size: a.length }, { reference: 'first:1' }),
      service.importRootfs({ stream: Readable.from([b]), size: b.length }, { reference: 'second:1' }),
    ]);
    expect(first.taskId).not.toBe(second.taskId);
    expect(first.kind).toBe('import');
    // Waited in the opposite order, and once more after the end: each handle gives its own result.
    const secondEnd = await service.waitTask(second.taskId);
    const firstEnd = await service.waitTask(first.taskId);
    expect(secondEnd).toMatchObject({ state: 'done', title: 'Import root filesystem as docker.io/library/second:1', result: { reference: 'docker.io/library/second:1' } });
    expect(firstEnd).toMatchObject({ state: 'done', progress: { current: a.length, total: a.length }, result: { reference: 'docker.io/library/first:1' } });
    expect((await service.waitTask(first.taskId)).result).toEqual(firstEnd.result);
    expect((firstEnd.result as ImportResult).id).not.toBe((secondEnd.result as ImportResult).id);
    expect((await service.inspectImage('first:1')).Id).toBe((firstEnd.result as ImportResult).id);
    expect((await service.inspectImage('second:1')).Id).toBe((secondEnd.result as ImportResult).id);
    expect(updates.get(first.taskId)).toBeGreaterThanOrEqual(2);
    expect(updates.get(second.taskId)).toBeGreaterThanOrEqual(2);
    await expect(service.waitTask('no-such-task')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses bad options before starting a task, and releases the file it was given in every outcome', async () => {
    const released: string[] = [];
    const source = async (name: string) => {
      const bytes = await makeRootfsTar({ 'etc/x': name });
      return { stream: Readable.from([bytes]), size: bytes.length, name, release: () => void released.push(name) };
    };
    await expect(service.importRootfs(await source('bad-change'), { changes: ['RUN x'] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(service.importRootfs(await source('bad-name'), { reference: 'UPPER:1' })).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    expect(await service.listTasks()).toEqual([]);
    await imported(await source('good'), { reference: 'ok:1' });
    const broken = { stream: Readable.from([Buffer.from('not a tar at all, not even close'.repeat(40))]), name: 'broken', release: () => void released.push('broken') };
    await expect(imported(broken, {})).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
    expect(released).toEqual(['bad-change', 'bad-name', 'good', 'broken']);
  });

  it('says what is wrong with the file in the user\'s terms, naming it', async () => {
    const from = (name: string, bytes: Buffer) => ({ stream: Readable.from([bytes]), size: bytes.length, name });
    const notes = from('notes.txt', Buffer.from('remember the milk\n'));
    await expect(imported(notes, {})).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(/^notes\.txt is not a tar archive: import needs/) });
    const text = from('big.txt', Buffer.from('x'.repeat(4000)));
    await expect(imported(text, {})).rejects.toMatchObject({ message: expect.stringMatching(/^big\.txt is not a tar archive/) });
    const whole = await makeRootfsTar({ 'etc/x': 'y'.repeat(10_000) });
    const cut = from('cut.tar', whole.subarray(0, 1500));
    await expect(imported(cut, {})).rejects.toMatchObject({ message: expect.stringMatching(/^cut\.tar stops too soon: .*probably incomplete/) });
    const headerOnly = from('header.tar', whole.subarray(0, 300)); // cut inside its first header: still a tar archive
    await expect(imported(headerOnly, {})).rejects.toMatchObject({ message: expect.stringMatching(/^header\.tar stops too soon/) });
    expect(await rows()).toEqual([]);
  });

  it('ends a cancelled import as cancelled, never as failed, and waitTask says so', async () => {
    async function* endless() {
      const bytes = await makeRootfsTar({ 'etc/x': 'y'.repeat(100_000) });
      yield bytes.subarray(0, 1024);
      await new Promise(() => {}); // never ends: only a cancel stops it
    }
    const handle = await service.importRootfs({ stream: Readable.from(endless()) }, { reference: 'never:1' });
    await new Promise((r) => setTimeout(r, 50));
    await service.cancelTask(handle.taskId);
    const ended = await service.waitTask(handle.taskId);
    expect(ended).toMatchObject({ state: 'cancelled', error: { code: 'CANCELLED' }, result: null });
    expect(await rows()).toEqual([]);
  });

  it('refuses a layer over the maxLayerBytes of settings.json, naming the limit, and keeps nothing', async () => {
    const settingsFile = path.join(dir, '..', `${path.basename(dir)}-settings.json`);
    await writeFile(settingsFile, JSON.stringify({ maxLayerBytes: 100_000 }));
    await service.close();
    service = await createService({ storePath: dir, settingsFile });
    try {
      const big = await makeRootfsTar({ 'big.bin': Buffer.alloc(300_000) });
      await expect(imported({ stream: Readable.from([big]) }, { reference: 'big:1' })).rejects.toMatchObject({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(/exceeds the limit of 100000 bytes/) });
      expect(await rows()).toEqual([]);
      const small = await makeRootfsTar({ 'small.bin': Buffer.alloc(1000) });
      await imported({ stream: Readable.from([small]) }, { reference: 'small:1' });
      expect(await rows()).toEqual(['small:1']);
    } finally {
      await rm(settingsFile, { force: true });
    }
  });

  it("reports docker's size (files unpacked) everywhere, and the layers as stored beside it", async () => {
    const tar = await makeRootfsTar([
      { path: 'bin/app', content: Buffer.alloc(200_000, 1) },
      { path: 'bin/sh', type: 'symlink', target: '/bin/app' },
      { path: 'etc/hostname', content: 'berth\n' },
    ]);
    await imported({ stream: Readable.from([tar]), size: tar.length }, { reference: 'sized:1' });
    const [row] = await service.listImages();
    expect(row).toMatchObject({ size: 200_006, diskSize: tar.length });
    expect((await service.inspectImage('sized:1')).Size).toBe(200_006);
    const detail = await service.imageDetail('sized:1');
    expect(detail.diskSize).toBe(tar.length);
    expect(detail.layers.map((l) => [l.size, l.diskSize])).toEqual([[200_006, tar.length]]);
    expect(await service.diskUsage()).toMatchObject({ totalSize: 200_006, uniqueSize: 200_006, uniqueDiskSize: tar.length });
  });
});
