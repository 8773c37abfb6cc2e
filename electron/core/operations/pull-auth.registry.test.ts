// `pull` against docker-registry in its two guarded modes (the open one is pull.registry.test.ts): htpasswd Basic
// and Bearer tokens from the test token server, which the registry trusts (Docker Hub's flow). With the
// credentials the context hands out, the image arrives whole; without them, a registry that wants a login says
// so with the hint to log in; a token registry's public repository pulls anonymously.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskOutcome } from '../../../shared/tasks.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { startRegistry, type Registry, type RegistryAuth } from '../testing/registry.js';
import { pushTestImage, type SeededImage } from '../testing/registry-seed.js';

describe.each<RegistryAuth>(['htpasswd', 'token'])('pull from a registry with %s auth', (auth) => {
  let registry: Registry;
  let image: SeededImage;
  let publicImage: SeededImage;
  let dir: string;

  beforeAll(async () => {
    registry = await startRegistry({ auth });
    image = await pushTestImage(registry, 'team/app', ['1'], [randomBytes(40_000), randomBytes(10_000)]);
    publicImage = await pushTestImage(registry, 'public/app', ['1'], [randomBytes(5_000)]);
    dir = await mkdtemp(path.join(tmpdir(), `berth-pull-${auth}-`));
  }, 60_000);
  afterAll(async () => {
    await registry?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function withService<T>(name: string, loggedIn: boolean, work: (service: BerthService) => Promise<T>): Promise<T> {
    const service = await createService({
      storePath: path.join(dir, name),
      settingsFile: path.join(dir, 'settings.json'),
      credentials: async (host) => (loggedIn && host === registry.host ? registry.credentials : undefined),
    });
    try {
      return await work(service);
    } finally {
      await service.close();
    }
  }
  const pull = async (service: BerthService, reference: string) => taskOutcome(await service.waitTask((await service.pull(reference)).taskId));

  it('with the saved login: the image, its ID and RepoDigest, fsck clean', async () => {
    await withService('logged-in', true, async (service) => {
      const result = await pull(service, `${registry.host}/team/app:1`);
      expect(result).toMatchObject({ id: image.config.digest, digest: image.manifestDigest, status: 'downloaded' });
      expect((await service.inspectImage(`${registry.host}/team/app:1`)).RepoDigests).toEqual([`${registry.host}/team/app@${image.manifestDigest}`]);
      expect(await service.fsck()).toMatchObject({ ok: true, problems: [] });
    });
  });

  it('without a login: UNAUTHORIZED with the hint to log in, nothing stored', async () => {
    await withService('anonymous', false, async (service) => {
      await expect(pull(service, `${registry.host}/team/app:1`)).rejects.toMatchObject({
        code: 'UNAUTHORIZED', message: expect.stringMatching(/login/i),
      });
      expect(await service.listImages({ all: true })).toEqual([]);
    });
  });

  it(auth === 'token' ? 'a public repository pulls anonymously (an anonymous token)' : 'a public repository still wants the login', async () => {
    await withService('public', false, async (service) => {
      const reference = `${registry.host}/public/app:1`;
      if (auth === 'token') expect(await pull(service, reference)).toMatchObject({ id: publicImage.config.digest, status: 'downloaded' });
      else await expect(pull(service, reference)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    });
  });
});
