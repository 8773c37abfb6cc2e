// `push` against a real docker-registry in its three auth modes: what Berth pushes pulls back as the same image;
// a second push finds every layer there; a push to a sibling repository mounts; an imported (uncompressed) layer
// goes gzipped and its twin is reused; the chunked path when the monolithic PUT is refused; relative Locations;
// a cancelled push leaves the store consistent; the errors a docker user knows.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PushResult, TaskInfo } from '../../../shared/api.js';
import { taskOutcome } from '../../../shared/tasks.js';
import { parsePushLayerChild } from '../../../shared/push-layers.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.js';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { startRegistry, type Registry, type RegistryAuth } from '../testing/registry.js';
import { pushBlob, pushManifest } from '../testing/registry-seed.js';
import { defaultImagePlatform } from '../oci/platform.js';
import { openStore } from '../store/store.js';
import { TaskManager } from '../tasks/task-manager.js';
import { pushImage } from './push.js';
import { pushTarget } from './push-target.js';

const BIG = randomBytes(4 * 1024 * 1024);

async function newService(dir: string, credentials?: Registry['credentials']): Promise<BerthService> {
  return createService({
    storePath: path.join(dir, 'store'),
    settingsFile: path.join(dir, 'settings.json'),
    ...(credentials ? { credentials: async () => credentials } : {}),
  });
}

/** An imported image (one uncompressed layer) under `reference`. */
async function importImage(service: BerthService, dir: string, reference: string, files: Record<string, string | Uint8Array>): Promise<string> {
  const file = path.join(dir, `rootfs-${Math.random().toString(36).slice(2)}.tar`);
  await writeFile(file, await makeRootfsTar(files));
  const handle = await service.importRootfs({ path: file }, { reference });
  return (taskOutcome(await service.waitTask(handle.taskId)) as { id: string }).id;
}

async function push(service: BerthService, reference: string, allTags = false): Promise<{ result: PushResult; task: TaskInfo }> {
  const handle = await service.push(reference, { allTags });
  const task = await service.waitTask(handle.taskId);
  return { result: taskOutcome(task) as PushResult, task };
}

const layerTitles = (task: TaskInfo) => task.children.filter((c) => parsePushLayerChild(c.id)).map((c) => c.title);

describe.each<RegistryAuth>(['none', 'htpasswd', 'token'])('push (%s)', (auth) => {
  let registry: Registry;
  let dir: string;
  let service: BerthService;

  beforeAll(async () => {
    registry = await startRegistry({ auth });
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
  });
  beforeEach(async () => {
    await service?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(path.join(tmpdir(), 'berth-push-'));
    service = await newService(dir, registry.credentials);
  });

  it('docker\'s flow: tag then push; a pull into another store gives the same image ID; a second push finds every layer', async () => {
    const id = await importImage(service, dir, 'test:latest', { 'etc/hello': 'hello', 'bin/x': randomBytes(50_000) });
    const target = `${registry.host}/user/test:latest`;
    await service.tag('test:latest', target);
    const { result, task } = await push(service, target);
    expect(result).toMatchObject({ repository: `${registry.host}/user/test`, tags: [{ tag: 'latest', digest: expect.stringMatching(/^sha256:/) }] });
    expect(layerTitles(task)).toEqual(['Pushed']);
    expect((await service.inspectImage(target)).RepoDigests).toContain(`${registry.host}/user/test@${result.tags[0]!.digest}`);

    const otherDir = await mkdtemp(path.join(tmpdir(), 'berth-push-back-'));
    const other = await newService(otherDir, registry.credentials);
    try {
      const pulled = taskOutcome(await other.waitTask((await other.pull(target)).taskId));
      expect(pulled).toMatchObject({ id, digest: result.tags[0]!.digest });
    } finally {
      await other.close();
      await rm(otherDir, { recursive: true, force: true });
    }

    const again = await push(service, target);
    expect(layerTitles(again.task)).toEqual(['Layer already exists']);
    expect(again.result.tags[0]!.digest).toBe(result.tags[0]!.digest);
  });

  it.runIf(auth === 'htpasswd')('an upload Location on another, private host is refused: nothing (no credentials, no bytes) goes there', async () => {
    // B stands for another host (127.0.0.2); A, in front, makes the registry name B in its upload Locations.
    const other = await startFaultProxy(registry.url, { bindAddress: '127.0.0.2' });
    const front = await startFaultProxy(registry.url, { forwardHeaders: { 'x-forwarded-host': other.host } });
    try {
      await importImage(service, dir, `${front.host}/user/elsewhere:1`, { a: randomBytes(1000) });
      await expect(push(service, `${front.host}/user/elsewhere:1`)).rejects.toMatchObject({
        code: 'NETWORK', message: `registry ${front.host} asked for the upload to go to ${other.host}, a private address on another host: refused`,
      });
      expect(front.requests.some((r) => r.method === 'POST' && r.headers.authorization)).toBe(true);
      expect(other.requests).toEqual([]);
    } finally {
      await front.stop();
      await other.stop();
    }
  });

  it.runIf(auth === 'token')('credentials the registry takes but whose token grants no push: docker\'s "denied"', async () => {
    await importImage(service, dir, `${registry.host}/user/denied:1`, { a: 'a' });
    registry.tokenServer!.grantNothing(10);
    await expect(push(service, `${registry.host}/user/denied:1`)).rejects.toMatchObject({
      code: 'UNAUTHORIZED', message: expect.stringMatching(/^denied: requested access to the resource is denied; the account may not push to .*berth login/),
    });
    registry.tokenServer!.grantNothing(0);
  });

  it.runIf(auth !== 'none')('without credentials: unauthorized, with the hint to log in', async () => {
    const anonymous = await newService(await mkdtemp(path.join(tmpdir(), 'berth-push-anon-')));
    try {
      await importImage(anonymous, dir, `${registry.host}/user/anon:1`, { a: 'a' });
      await expect(push(anonymous, `${registry.host}/user/anon:1`)).rejects.toMatchObject({
        code: 'UNAUTHORIZED', message: expect.stringContaining(`berth login ${registry.host}`),
      });
    } finally {
      await anonymous.close();
    }
  });
});

describe('push (open registry, through the fault proxy)', () => {
  let registry: Registry;
  let proxy: FaultProxy;
  let dir: string;
  let service: BerthService;

  beforeAll(async () => {
    registry = await startRegistry();
    proxy = await startFaultProxy(registry.url, { rewriteLocation: true });
  }, 60_000);
  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });
  beforeEach(async () => {
    await service?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = await mkdtemp(path.join(tmpdir(), 'berth-push-'));
    service = await newService(dir);
    proxy.plan = null;
    proxy.requests.length = 0;
  });

  const uploads = () => proxy.requests.filter((r) => r.url.includes('/blobs/uploads/'));

  it('An image does not exist locally with the tag: NAME', async () => {
    await expect(service.push(`${proxy.host}/nothing/here:1`)).rejects.toMatchObject({
      code: 'NOT_FOUND', message: `An image does not exist locally with the tag: ${proxy.host}/nothing/here`,
    });
    expect(proxy.requests).toEqual([]);
  });

  it('an uncompressed layer goes gzipped; its twin is kept, survives gc, and is reused by the next push', async () => {
    const layerBytes = await makeRootfsTar({ 'etc/data': 'x'.repeat(100_000) });
    await importImage(service, dir, `${proxy.host}/zip/one:1`, { 'etc/data': 'x'.repeat(100_000) });
    const first = await push(service, `${proxy.host}/zip/one:1`);
    const manifest = JSON.parse((await fetchText(`${registry.url}/v2/zip/one/manifests/1`, 'application/vnd.oci.image.manifest.v1+json')));
    const layer = manifest.layers[0];
    expect(layer.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
    const sent = Buffer.from(await (await fetch(`${registry.url}/v2/zip/one/blobs/${layer.digest}`)).arrayBuffer());
    expect(sent.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(sent)).toEqual(layerBytes);
    expect(layer.size).toBeLessThan(layerBytes.length / 10);
    // The config is untouched: the image ID in the registry is the local one.
    expect(manifest.config.digest).toBe((await service.inspectImage(`${proxy.host}/zip/one:1`)).Id);

    await service.prune();
    expect(await service.fsck()).toMatchObject({ ok: true, problems: [] });
    const blobs = await readdir(path.join(dir, 'store', 'blobs', 'sha256'));
    expect(blobs).toContain(layer.digest.slice(7));

    const record = path.join(dir, 'store', 'ingest', 'cache', 'compressed-layers.json');
    const recorded = await stat(record);
    // Another repository, the mount refused (403): a plain upload of the same compressed bytes, nothing compressed again.
    proxy.plan = (req) => (req.url.includes('mount=') ? { kind: 'respond', status: 403 } : undefined);
    await service.tag(`${proxy.host}/zip/one:1`, `${proxy.host}/zip/two:1`);
    const second = await push(service, `${proxy.host}/zip/two:1`);
    expect(second.result.tags[0]!.digest).toBe(first.result.tags[0]!.digest);
    expect(layerTitles(second.task)).toEqual(['Pushed']);
    expect(proxy.requests.some((r) => r.method === 'PUT' && r.url.includes(`digest=${encodeURIComponent(layer.digest)}`))).toBe(true);
    expect(await readdir(path.join(dir, 'store', 'blobs', 'sha256'))).toEqual(blobs);
    expect((await stat(record)).mtimeMs).toBe(recorded.mtimeMs); // the twin was found, not made again
  });

  it('a layer known in another repository of the registry is mounted from there', async () => {
    await importImage(service, dir, `${proxy.host}/team/base:1`, { 'etc/base': randomBytes(20_000) });
    await push(service, `${proxy.host}/team/base:1`);
    await service.tag(`${proxy.host}/team/base:1`, `${proxy.host}/team/app:1`);
    proxy.requests.length = 0;
    const { task } = await push(service, `${proxy.host}/team/app:1`);
    expect(layerTitles(task)).toEqual(['Mounted from team/base']);
    expect(uploads().some((r) => r.method === 'POST' && r.url.includes('from=team%2Fbase'))).toBe(true);
    expect(proxy.requests.some((r) => r.method === 'PUT' && r.url.includes('/blobs/uploads/'))).toBe(false);
  });

  it('a pulled layer is mounted into a sibling repository (the pull recorded where it came from)', async () => {
    await importImage(service, dir, `${proxy.host}/src/img:1`, { 'etc/base': randomBytes(20_000) });
    await push(service, `${proxy.host}/src/img:1`);
    const otherDir = await mkdtemp(path.join(tmpdir(), 'berth-push-pulled-'));
    const other = await newService(otherDir);
    try {
      taskOutcome(await other.waitTask((await other.pull(`${proxy.host}/src/img:1`)).taskId));
      await other.tag(`${proxy.host}/src/img:1`, `${proxy.host}/dst/img:1`);
      const handle = await other.push(`${proxy.host}/dst/img:1`);
      expect(layerTitles(await other.waitTask(handle.taskId))).toEqual(['Mounted from src/img']);
    } finally {
      await other.close();
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('a registry that refuses the monolithic PUT gets the blob in PATCH chunks, then an empty PUT', async () => {
    await importImage(service, dir, `${proxy.host}/chunk/img:1`, { big: BIG });
    proxy.plan = (req) => (req.method === 'PUT' && req.url.includes('/blobs/uploads/') && Number(req.headers['content-length']) > 0
      ? { kind: 'respond', status: 405, body: 'monolithic uploads are not allowed' } : undefined);
    const { result } = await push(service, `${proxy.host}/chunk/img:1`);
    const patches = proxy.requests.filter((r) => r.method === 'PATCH');
    expect(patches.length).toBeGreaterThan(0);
    expect(patches[0]!.headers['content-range']).toMatch(/^0-\d+$/);
    const pulledBack = await newService(await mkdtemp(path.join(tmpdir(), 'berth-push-chunk-')));
    try {
      expect(taskOutcome(await pulledBack.waitTask((await pulledBack.pull(`${proxy.host}/chunk/img:1`)).taskId))).toMatchObject({ digest: result.tags[0]!.digest });
    } finally {
      await pulledBack.close();
    }
  });

  it('chunks follow each answer\'s Location with contiguous Content-Ranges (1 MiB chunks through pushImage)', async () => {
    await importImage(service, dir, `${proxy.host}/chunks/img:1`, { big: BIG });
    proxy.plan = (req) => (req.method === 'PUT' && req.url.includes('/blobs/uploads/') && Number(req.headers['content-length']) > 0
      ? { kind: 'respond', status: 405 } : undefined);
    const store = await openStore(path.join(dir, 'store'));
    const tasks = new TaskManager(() => undefined);
    const result = await tasks.run('push', 'push', (task) => pushImage(store, pushTarget(`${proxy.host}/chunks/img:1`, false), {
      parallelUploads: 2, insecureRegistries: [], chunkSize: 1024 * 1024,
    }, task));
    const patches = proxy.requests.filter((r) => r.method === 'PATCH');
    // Per upload session (the layer's, then the config's): contiguous ranges from 0, each at most a chunk.
    const sessions = new Map<string, Array<[number, number]>>();
    for (const r of patches) {
      const id = r.url.split('?')[0]!.split('/').at(-1)!;
      sessions.set(id, [...(sessions.get(id) ?? []), String(r.headers['content-range']).split('-').map(Number) as [number, number]]);
    }
    const longest = Math.max(...[...sessions.values()].map((r) => r.length));
    expect(longest).toBeGreaterThanOrEqual(4);
    for (const ranges of sessions.values()) {
      expect(ranges[0]![0]).toBe(0);
      ranges.forEach(([start, end], i) => {
        if (i > 0) expect(start).toBe(ranges[i - 1]![1] + 1);
        expect(end - start + 1).toBeLessThanOrEqual(1024 * 1024);
      });
    }
    // Each PATCH went where the previous answer said (the registry's _state moves on).
    expect(new Set(patches.map((r) => r.url)).size).toBe(patches.length);
    expect(result.tags[0]!.digest).toMatch(/^sha256:/);
  });

  it('an index with only the host\'s platform in the store: that manifest goes under the tag (docker 20.10); with every platform, the index', async () => {
    const host = defaultImagePlatform().architecture;
    const other = host === 'arm64' ? 'amd64' : 'arm64';
    const platformImage = async (architecture: string) => {
      const layer = await pushBlob(registry, 'idx/src', gzipSync(randomBytes(4000)), 'application/vnd.oci.image.layer.v1.tar+gzip');
      const config = await pushBlob(registry, 'idx/src', Buffer.from(JSON.stringify({ architecture, os: 'linux', rootfs: { type: 'layers', diff_ids: [layer.digest] }, config: {} })), 'application/vnd.oci.image.config.v1+json');
      const mediaType = 'application/vnd.oci.image.manifest.v1+json';
      const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType, config: { mediaType: config.mediaType, digest: config.digest, size: config.size }, layers: [{ mediaType: layer.mediaType, digest: layer.digest, size: layer.size }] }));
      const digest = await pushManifest(registry, 'idx/src', `sha256:${createHash('sha256').update(bytes).digest('hex')}`, mediaType, bytes);
      return { mediaType, digest, size: bytes.length, platform: { os: 'linux', architecture } };
    };
    const manifests = [await platformImage(host), await platformImage(other)];
    const indexType = 'application/vnd.oci.image.index.v1+json';
    const indexDigest = await pushManifest(registry, 'idx/src', '1', indexType, Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: indexType, manifests })));
    const pullAs = async (platform: string) => taskOutcome(await service.waitTask((await service.pull(`${proxy.host}/idx/src:1`, { platform })).taskId));

    await pullAs(`linux/${host}`);
    await service.tag(`${proxy.host}/idx/src:1`, `${proxy.host}/idx/one:1`);
    const one = await push(service, `${proxy.host}/idx/one:1`);
    expect(one.result.tags[0]!.digest).toBe(manifests[0]!.digest);

    await pullAs(`linux/${other}`);
    await service.tag(`${proxy.host}/idx/src:1`, `${proxy.host}/idx/all:1`);
    const all = await push(service, `${proxy.host}/idx/all:1`);
    expect(all.result.tags[0]!.digest).toBe(indexDigest);
    const puts = proxy.requests.filter((r) => r.method === 'PUT' && r.url.startsWith('/v2/idx/all/manifests/')).map((r) => r.url.split('/').at(-1));
    expect(puts).toEqual([manifests[0]!.digest, manifests[1]!.digest, '1']);
  });

  it('a relative Location is resolved against the request and keeps its query', async () => {
    await importImage(service, dir, `${proxy.host}/rel/img:1`, { f: randomBytes(10_000) });
    // The registry's own upload URL, made relative by the proxy: `/v2/rel/img/blobs/uploads/<uuid>?_state=…`.
    proxy.plan = (req) => {
      if (req.method !== 'POST' || !req.url.includes('/blobs/uploads/')) return undefined;
      return { kind: 'relative-location' };
    };
    await push(service, `${proxy.host}/rel/img:1`);
    const puts = proxy.requests.filter((r) => r.method === 'PUT' && r.url.includes('/blobs/uploads/'));
    expect(puts.length).toBe(2); // the layer and the config, both through the proxy
    for (const put of puts) expect(put.url).toMatch(/\?_state=.*&digest=sha256%3A/);
  });

  it('cancelled mid-upload: the task ends cancelled, the store is as it was, and a later push works', async () => {
    await importImage(service, dir, `${proxy.host}/cancel/img:1`, { big: BIG });
    await service.prune();
    const before = (await readdir(path.join(dir, 'store', 'blobs', 'sha256'))).length;
    proxy.plan = (req) => (req.method === 'PUT' && req.url.includes('/blobs/uploads/') ? { kind: 'stall' } : undefined);
    const handle = await service.push(`${proxy.host}/cancel/img:1`);
    await new Promise<void>((resolve) => {
      const stop = service.onEvent((e) => {
        if (e.type === 'task.update' && e.task.id === handle.taskId && e.task.children.some((c) => c.title === 'Pushing')) {
          stop();
          resolve();
        }
      });
    });
    await service.cancelTask(handle.taskId);
    const ended = await service.waitTask(handle.taskId);
    expect(ended.state).toBe('cancelled');
    expect(ended.children.map((c) => c.state)).toEqual(['cancelled']);
    expect(await readdir(path.join(dir, 'store', 'ingest', 'leases')).then((n) => n.filter((f) => !f.startsWith('.')))).toEqual([]);
    await service.prune();
    expect(await service.fsck()).toMatchObject({ ok: true, problems: [] });
    // The twin made before the cancel is kept (it is recorded), and one more blob than before is all there is.
    expect((await readdir(path.join(dir, 'store', 'blobs', 'sha256'))).length).toBe(before + 1);
    proxy.plan = null;
    await push(service, `${proxy.host}/cancel/img:1`);
  });

  it('-a pushes every tag of the repository, each with its own digest line', async () => {
    await importImage(service, dir, `${proxy.host}/all/img:1`, { a: 'one' });
    await importImage(service, dir, `${proxy.host}/all/img:2`, { a: 'two' });
    await importImage(service, dir, `${proxy.host}/other/img:3`, { a: 'three' });
    const { result } = await push(service, `${proxy.host}/all/img`, true);
    expect(result.tags.map((t) => t.tag)).toEqual(['1', '2']);
    await expect(service.push(`${proxy.host}/all/img:1`, { allTags: true })).rejects.toMatchObject({ message: expect.stringContaining('--all-tags') });
  });

  it('the CLI prints docker\'s lines', async () => {
    const { runCaptured } = await import('../../cli/test-support/capture-io.js');
    await importImage(service, dir, `${proxy.host}/cli/img:1`, { a: randomBytes(3000) });
    await service.close();
    const env = { BERTH_STORE: path.join(dir, 'store'), BERTH_CONFIG: path.join(dir, 'settings.json') };
    const out = await runCaptured(['push', `${proxy.host}/cli/img:1`], { env });
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toBe(`The push refers to repository [${proxy.host}/cli/img]`);
    expect(lines).toContainEqual(expect.stringMatching(/^[0-9a-f]{12}: Pushed$/));
    expect(lines.at(-1)).toMatch(/^1: digest: sha256:[0-9a-f]{64} size: \d+$/);
    const again = await runCaptured(['push', '-q', `${proxy.host}/cli/img:1`], { env });
    expect(again.stdout).toBe(`${proxy.host}/cli/img:1\n`);
    service = await newService(dir);
  });

  it('the CLI, one upload at a time (parallelUploads 1): later layers say Waiting; pulled layers are Mounted from their repository', async () => {
    const { runCaptured } = await import('../../cli/test-support/capture-io.js');
    const { pushTestImage } = await import('../testing/registry-seed.js');
    const seeded = await pushTestImage(registry, 'cli/three', ['1'], [1, 2, 3].map(() => gzipSync(randomBytes(5000))));
    await service.close();
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ parallelUploads: 1 }));
    const env = { BERTH_STORE: path.join(dir, 'store'), BERTH_CONFIG: path.join(dir, 'settings.json') };
    expect((await runCaptured(['pull', '-q', `${proxy.host}/cli/three:1`], { env })).code).toBe(0);
    expect((await runCaptured(['tag', `${proxy.host}/cli/three:1`, `${proxy.host}/cli/copy:1`], { env })).code).toBe(0);
    const out = await runCaptured(['push', `${proxy.host}/cli/copy:1`], { env });
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    const short = seeded.layers.map((l) => l.digest.slice(7, 19));
    expect(lines).toContain(`${short[2]}: Waiting`);
    for (const id of short) {
      const mine = lines.filter((l) => l.startsWith(`${id}: `));
      expect(mine[0]).toBe(`${id}: Preparing`);
      expect(mine.at(-1)).toBe(`${id}: Mounted from cli/three`);
    }
    expect(lines.at(-1)).toBe(`1: digest: ${seeded.manifestDigest} size: ${(await fetchText(`${registry.url}/v2/cli/three/manifests/1`, 'application/vnd.oci.image.manifest.v1+json')).length}`);
    service = await newService(dir);
  });
});

async function fetchText(url: string, accept: string): Promise<string> {
  const response = await fetch(url, { headers: { accept } });
  return response.text();
}

