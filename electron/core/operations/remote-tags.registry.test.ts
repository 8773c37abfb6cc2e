// `berth tags NAME` against a real docker-registry: every page of a repository's tags, the repository named by any
// reference to it, a missing repository named in the error; and the CLI's one-tag-a-line output.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCaptured } from '../../cli/test-support/capture-io.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { startFaultProxy } from '../testing/fault-proxy.js';
import { startRegistry, type Registry } from '../testing/registry.js';
import { pushTestImage } from '../testing/registry-seed.js';

let registry: Registry;
let dir: string;
let service: BerthService;
// More than one page of the client's default page size would need 1,000 tags; the registry pages at what `n` asks,
// and the client follows Link headers (tags.test.ts covers paging with a small page size).
const TAGS = Array.from({ length: 30 }, (_, i) => `v${i}`);

beforeAll(async () => {
  registry = await startRegistry();
  await pushTestImage(registry, 'team/app', TAGS, [randomBytes(1000)]);
  dir = await mkdtemp(path.join(tmpdir(), 'berth-tags-'));
  service = await createService({ storePath: path.join(dir, 'store'), settingsFile: path.join(dir, 'settings.json') });
}, 60_000);

afterAll(async () => {
  await service?.close();
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('remote tags', () => {
  it('lists every tag of the repository any reference to it names', async () => {
    const expected = [...TAGS].sort();
    expect([...(await service.remoteTags(`${registry.host}/team/app`))].sort()).toEqual(expected);
    expect([...(await service.remoteTags(`${registry.host}/team/app:v3`))].sort()).toEqual(expected);
  });

  it('names a repository the registry does not have, and refuses what is no reference', async () => {
    await expect(service.remoteTags(`${registry.host}/team/nothing`)).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('team/nothing') });
    await expect(service.remoteTags('app::1')).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
  });

  it('keeps only what docker calls a tag from a registry that answers otherwise', async () => {
    const proxy = await startFaultProxy(registry.url);
    try {
      proxy.plan = (req) => req.url.includes('/tags/list')
        ? { kind: 'respond', status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'team/app', tags: ['v1', 'fake\nline', '../up', '-x', 'ok.2'] }) }
        : undefined;
      expect(await service.remoteTags(`${proxy.host}/team/app`)).toEqual(['v1', 'ok.2']);
    } finally {
      await proxy.stop();
    }
  });

  it('prints one tag a line from the CLI', async () => {
    const run = await runCaptured(['--store', path.join(dir, 'store'), 'tags', `${registry.host}/team/app`], {
      env: { BERTH_CONFIG: path.join(dir, 'settings.json') },
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout.trimEnd().split('\n').sort()).toEqual([...TAGS].sort());
  });
});
