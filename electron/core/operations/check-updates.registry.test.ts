// checkUpdates against a real registry: up to date after a pull; "update available" once a new image is pushed
// under the same tag; a HEAD only (no manifest GET, no blob); per-image errors stay quiet in the result.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskOutcome } from '../../../shared/tasks.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.js';
import { startRegistry, type Registry } from '../testing/registry.js';
import { pushTestImage } from '../testing/registry-seed.js';

let registry: Registry;
let proxy: FaultProxy;
let dir: string;
let service: BerthService;

beforeAll(async () => {
  registry = await startRegistry();
  proxy = await startFaultProxy(registry.url);
  await pushTestImage(registry, 'test/moving', ['1'], [randomBytes(10_000)]);
  await pushTestImage(registry, 'test/still', ['1'], [randomBytes(10_000)]);
  dir = await mkdtemp(path.join(tmpdir(), 'berth-updates-'));
  service = await createService({ storePath: path.join(dir, 'store'), settingsFile: path.join(dir, 'settings.json') });
  for (const ref of [`${proxy.host}/test/moving:1`, `${proxy.host}/test/still:1`]) {
    taskOutcome(await service.waitTask((await service.pull(ref)).taskId));
  }
}, 60_000);

afterAll(async () => {
  await service?.close();
  await proxy?.stop();
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('checkUpdates', () => {
  it('says up to date while the tags name what was pulled, with one HEAD each and nothing downloaded', async () => {
    proxy.requests.length = 0;
    const results = await service.checkUpdates();
    expect(results.map((r) => [r.reference, r.status])).toEqual(expect.arrayContaining([
      [`${proxy.host}/test/moving:1`, 'up-to-date'],
      [`${proxy.host}/test/still:1`, 'up-to-date'],
    ]));
    const manifestRequests = proxy.requests.filter((r) => r.url.includes('/manifests/'));
    expect(manifestRequests.map((r) => r.method)).toEqual(['HEAD', 'HEAD']);
    expect(proxy.requests.some((r) => r.url.includes('/blobs/'))).toBe(false);
  });

  it('says an update is available once the tag moves to a new image, and only for that image', async () => {
    const moved = await pushTestImage(registry, 'test/moving', ['1'], [randomBytes(10_000)]);
    const results = await service.checkUpdates();
    expect(results.find((r) => r.reference === `${proxy.host}/test/moving:1`)).toMatchObject({ status: 'update-available', remoteDigest: moved.manifestDigest, error: null });
    expect(results.find((r) => r.reference === `${proxy.host}/test/still:1`)).toMatchObject({ status: 'up-to-date' });
    // After the pull that updates it, it is up to date again.
    taskOutcome(await service.waitTask((await service.pull(`${proxy.host}/test/moving:1`)).taskId));
    expect(await service.checkUpdates([`${proxy.host}/test/moving:1`])).toEqual([
      expect.objectContaining({ reference: `${proxy.host}/test/moving:1`, status: 'up-to-date', remoteDigest: moved.manifestDigest }),
    ]);
  });

  it('keeps each failure to its image, and does not ask about a name the image was never pulled as', async () => {
    await service.tag(`${proxy.host}/test/still:1`, 'localonly:1');
    proxy.plan = (req) => (req.url.includes('/test/moving/') ? { kind: 'respond', status: 404, body: '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry"}]}' } : undefined);
    proxy.requests.length = 0;
    const results = await service.checkUpdates();
    proxy.plan = null;
    expect(results.find((r) => r.reference === `${proxy.host}/test/moving:1`)).toMatchObject({ status: 'error', error: expect.stringMatching(/not found/) });
    expect(results.find((r) => r.reference === `${proxy.host}/test/still:1`)).toMatchObject({ status: 'up-to-date' });
    expect(results.find((r) => r.reference === 'docker.io/library/localonly:1')).toMatchObject({ status: 'not-checked' });
    // `localonly` is docker.io/library/localonly: asking would have meant Docker Hub. Nothing went anywhere but the proxy.
    expect(proxy.requests.every((r) => !r.url.includes('localonly'))).toBe(true);
  });
});
