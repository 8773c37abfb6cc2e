import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { taskResult } from '../../../shared/tasks.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { entryReference } from '../image/entry-reference.js';
import { openStore } from '../store/store.js';
import type { ImageStore } from '../store/types.js';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { ociArchiveEntries, testImage, type TestImage } from '../tarball/test-support/archives.js';
import { loadArchive } from './load.js';

let dir: string;
let service: BerthService;
let a: TestImage;
let b: TestImage;
const repoDigest = `127.0.0.1:5000/team/a@sha256:${'d'.repeat(64)}`;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-save-'));
  service = await createService({ storePath: path.join(dir, 'store'), settingsFile: path.join(dir, 'settings.json') });
  const base = await makeRootfsTar({ 'etc/base': 'base\n' });
  a = await testImage([base, await makeRootfsTar({ 'a/file': 'a\n' })]);
  b = await testImage([base, await makeRootfsTar({ 'b/file': 'b\n' })]);
  // gzip layers, as pulled images have them; a carries a repo digest, as a pulled image does
  const archive = ociArchiveEntries([{ image: a, tags: ['127.0.0.1:5000/team/a:1'] }, { image: b, tags: ['b:1', 'b:2'] }], {
    gzipLayers: true,
    annotations: (tag) => ({ 'io.containerd.image.name': tag!.includes('/') ? tag! : `docker.io/library/${tag}`, ...(tag!.includes('team') ? { 'dev.berth.repo-digests': repoDigest } : {}) }),
  });
  const store = await openStore(path.join(dir, 'store'));
  await loadArchive(store, Readable.from([await makeRootfsTar(archive)]));
});
afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

async function save(references: string[], options: { keepCompressed?: boolean } = {}) {
  const file = path.join(dir, `out-${Date.now()}-${Math.random()}.tar`);
  const result = await taskResult(service, await service.save(references, { path: file }, options));
  return { file, result };
}

async function loadInto(file: string): Promise<{ store: ImageStore; refs: Record<string, string> }> {
  const store = await openStore(await mkdtemp(path.join(dir, 'fresh-')));
  await loadArchive(store, Readable.from([await readFile(file)]));
  const index = await store.readIndex();
  return { store, refs: Object.fromEntries(index.manifests.map((e) => [entryReference(e) ?? '<none>', e.digest])) };
}

describe('save', () => {
  it('saves uncompressed layers that load back with the same IDs, tags, configs and layer contents', async () => {
    const { file, result } = await save(['127.0.0.1:5000/team/a:1', 'b']);
    expect(result.size).toBe((await stat(file)).size);
    expect(result.images.map((i) => i.id).sort()).toEqual([`sha256:${a.configHex}`, `sha256:${b.configHex}`].sort());
    const { store, refs } = await loadInto(file);
    expect(Object.keys(refs).sort()).toEqual(['127.0.0.1:5000/team/a:1', 'docker.io/library/b:1', 'docker.io/library/b:2']);
    const manifest = await store.readBlobJson<{ config: { digest: string }; layers: Array<{ digest: string; mediaType: string }> }>(refs['docker.io/library/b:2']!);
    expect(manifest.config.digest).toBe(`sha256:${b.configHex}`);
    // uncompressed, as docker saves: each layer is named by its diff ID
    expect(manifest.layers.map((l) => l.digest)).toEqual(b.diffIds);
    expect(manifest.layers[0]!.mediaType).toBe('application/vnd.oci.image.layer.v1.tar');
    expect((await store.readBlobBytes(b.diffIds[1]!)).equals(b.layers[1]!)).toBe(true);
    const entry = (await store.readIndex()).manifests.find((e) => entryReference(e) === '127.0.0.1:5000/team/a:1')!;
    expect(entry.annotations?.['dev.berth.repo-digests']).toBe(repoDigest);
    // docker's manifest.json and repositories are there for the loaders that want them
    const names = (await readFile(file)).toString('latin1');
    expect(names).toContain('manifest.json');
    expect(names).toContain('repositories');
  });

  it('with keepCompressed writes the very same blobs', async () => {
    const { file } = await save(['b:1'], { keepCompressed: true });
    const original = (await service.listImages({ reference: 'b:1' }))[0]!;
    const { store, refs } = await loadInto(file);
    const originalIndex = await (await openStore(path.join(dir, 'store'))).readIndex();
    expect(refs['docker.io/library/b:1']).toBe(originalIndex.manifests.find((e) => entryReference(e) === 'docker.io/library/b:1')!.digest);
    expect((await store.readIndex()).manifests).toHaveLength(1);
    expect(original.id).toBe(`sha256:${b.configHex}`);
  });

  it('by image ID keeps every tag the image has; an unknown name fails before any file is made', async () => {
    const { file, result } = await save([b.configHex.slice(0, 12)]);
    expect(result.images[0]!.tags.sort()).toEqual(['docker.io/library/b:1', 'docker.io/library/b:2']);
    expect(Object.keys((await loadInto(file)).refs).sort()).toEqual(['docker.io/library/b:1', 'docker.io/library/b:2']);
    await expect(service.save(['nope:1'], { path: path.join(dir, 'never.tar') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await readdir(dir)).filter((n) => n.includes('never'))).toEqual([]);
  });

  it('a cancelled save leaves no file under the target name and no temporary beside it', async () => {
    const target = path.join(dir, 'cancelled.tar');
    const handle = await service.save(['b:1', '127.0.0.1:5000/team/a:1'], { path: target });
    await service.cancelTask(handle.taskId);
    const end = await service.waitTask(handle.taskId);
    expect(['cancelled', 'done']).toContain(end.state);
    const left = (await readdir(dir)).filter((n) => n.includes('cancelled'));
    expect(left).toEqual(end.state === 'done' ? ['cancelled.tar'] : []);
  });

  it('saves under a name as long as the file system allows (the temporary beside it is named shorter)', async () => {
    const name = `${'x'.repeat(250)}.tar`;
    const result = await taskResult(service, await service.save(['b:1'], { path: path.join(dir, name) }));
    expect((await stat(path.join(dir, name))).size).toBe(result.size);
    expect((await readdir(dir)).filter((n) => n.endsWith('.partial'))).toEqual([]);
  });
});
