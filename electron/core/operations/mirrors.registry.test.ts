// registryMirrors against real registries on loopback: a docker.io pull goes to the mirrors in order, moving past
// one that is down or answers 404/500, and lands under its docker.io name. The mirror that works is always found
// before Docker Hub, so nothing here ever reaches Hub (the Hub fallback itself is tested as a list: pull-endpoints.test.ts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { taskOutcome } from '../../../shared/tasks.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.js';
import { startRegistry, type Registry } from '../testing/registry.js';
import { pushTestImage, type SeededImage } from '../testing/registry-seed.js';

let registry: Registry;
let proxy: FaultProxy;
let image: SeededImage;
let deadPort: number;
let dir: string;
let service: BerthService | null = null;

/** A loopback port nobody listens on (taken, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
  image = await pushTestImage(registry, 'library/berth-mirrored', ['1'], [randomBytes(12_000), randomBytes(8_000)]);
  deadPort = await freePort();
}, 60_000);

afterAll(async () => {
  await service?.close();
  await proxy?.stop();
  await registry?.stop();
});

beforeEach(async () => {
  await service?.close();
  service = null;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = await mkdtemp(path.join(tmpdir(), 'berth-mirrors-'));
  proxy.plan = null;
  proxy.requests.length = 0;
});

async function serviceWithMirrors(registryMirrors: string[]): Promise<BerthService> {
  const settingsFile = path.join(dir, 'settings.json');
  await writeFile(settingsFile, JSON.stringify({ registryMirrors }));
  service = await createService({ storePath: path.join(dir, 'store'), settingsFile });
  return service;
}

async function pull(s: BerthService, reference: string) {
  return taskOutcome(await s.waitTask((await s.pull(reference)).taskId));
}

describe('registryMirrors', () => {
  it('moves past a mirror nobody listens on; the image is named docker.io, RepoDigests too', async () => {
    const s = await serviceWithMirrors([`http://127.0.0.1:${deadPort}`, registry.url]);
    const result = await pull(s, 'berth-mirrored:1');
    expect(result).toMatchObject({ id: image.config.digest, reference: 'docker.io/library/berth-mirrored:1', digest: image.manifestDigest, status: 'downloaded' });
    const inspect = await s.inspectImage('berth-mirrored:1');
    expect(inspect.RepoTags).toEqual(['berth-mirrored:1']);
    expect(inspect.RepoDigests).toEqual([`berth-mirrored@${image.manifestDigest}`]);
    expect(await s.fsck()).toMatchObject({ ok: true });
  }, 30_000);

  it.each([
    ['404 manifest unknown', { kind: 'respond' as const, status: 404, headers: { 'content-type': 'application/json' }, body: '{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}' }],
    ['500', { kind: 'respond' as const, status: 500, body: 'mirror broke' }],
  ])('moves past a mirror that answers %s, to the next one', async (_name, action) => {
    proxy.plan = (req) => (req.url.includes('/manifests/') ? action : undefined);
    const s = await serviceWithMirrors([proxy.url, registry.url]);
    expect(await pull(s, 'docker.io/library/berth-mirrored:1')).toMatchObject({ id: image.config.digest, status: 'downloaded' });
    expect(proxy.requests.some((r) => r.url === '/v2/library/berth-mirrored/manifests/1')).toBe(true);
    const tasks = await s.listTasks();
    // One row per layer, however many endpoints were tried; all done.
    expect(tasks[0]!.children.map((c) => c.state)).toEqual(['done', 'done']);
  }, 30_000);

  it('uses the first mirror that works and asks the later ones nothing', async () => {
    const s = await serviceWithMirrors([proxy.url, `http://127.0.0.1:${deadPort}`]);
    expect(await pull(s, 'berth-mirrored:1')).toMatchObject({ status: 'downloaded' });
    expect(proxy.requests.filter((r) => r.url.includes('/blobs/')).length).toBe(3);
  });

  it('stops at a mirror when the pull is about the image itself (schema 1), without trying the next', async () => {
    const schema1 = JSON.stringify({ schemaVersion: 1, name: 'library/berth-mirrored', tag: '1', fsLayers: [], history: [] });
    proxy.plan = (req) => (req.url.includes('/manifests/')
      ? { kind: 'respond', status: 200, headers: { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws', 'docker-content-digest': `sha256:${'0'.repeat(64)}`, 'content-length': String(schema1.length) }, body: req.method === 'HEAD' ? '' : schema1 }
      : undefined);
    const s = await serviceWithMirrors([proxy.url, registry.url]);
    const handle = await s.pull('berth-mirrored:1');
    const info = await s.waitTask(handle.taskId);
    expect(info.state).toBe('failed');
    expect(info.error?.message).toMatch(/schema 1/);
  });

  it('is for docker.io only: a pull from another registry never goes to a mirror', async () => {
    const s = await serviceWithMirrors([proxy.url]);
    expect(await pull(s, `${registry.host}/library/berth-mirrored:1`)).toMatchObject({ status: 'downloaded' });
    expect(proxy.requests).toEqual([]);
    expect((await s.inspectImage(`${registry.host}/library/berth-mirrored:1`)).RepoDigests).toEqual([`${registry.host}/library/berth-mirrored@${image.manifestDigest}`]);
  });
});
