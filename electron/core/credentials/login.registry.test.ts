// Logging in against the real docker-registry, in htpasswd (Basic) and token (Bearer) modes, through the service as
// every shell uses it: a login is checked before it is saved, a pull uses the saved login (and without one is
// refused with the hint to log in), logout forgets it, docker's config counts, and a blob redirected to another
// loopback host never receives the saved password.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { taskOutcome } from '../../../shared/tasks.js';
import { toErrorPayload } from '../../../shared/errors.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { startFaultProxy, type FaultProxy } from '../testing/fault-proxy.js';
import { REGISTRY_PASSWORD, REGISTRY_USER, startRegistry, type Registry } from '../testing/registry.js';
import { pushTestImage, type SeededImage } from '../testing/registry-seed.js';
import { REFRESH_TOKEN } from '../testing/token-server.js';
import { caught } from '../registry/test-support/collect.js';

const WRONG = 'not-the-password-9f3a';
let dir: string;
let service: BerthService;

async function open(): Promise<BerthService> {
  await service?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = await mkdtemp(path.join(tmpdir(), 'berth-login-'));
  await mkdir(path.join(dir, 'docker'));
  // Never the real home: Berth's files and docker's both point into the test's folder.
  const env = { ...process.env, BERTH_CONFIG: path.join(dir, 'config', 'settings.json'), DOCKER_CONFIG: path.join(dir, 'docker'), HOME: path.join(dir, 'home') };
  service = await createService({ storePath: path.join(dir, 'store'), env });
  return service;
}

const authFile = () => path.join(dir, 'config', 'auth.json');

async function pull(reference: string) {
  const handle = await service.pull(reference);
  return taskOutcome(await service.waitTask(handle.taskId));
}

afterAll(async () => {
  await service?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.each(['htpasswd', 'token'] as const)('login, auth %s', (auth) => {
  let registry: Registry;
  let image: SeededImage;

  beforeAll(async () => {
    registry = await startRegistry({ auth });
    image = await pushTestImage(registry, 'team/app', ['1'], [randomBytes(5_000)]);
  }, 30_000);
  afterAll(() => registry?.stop());
  beforeEach(open);

  it('refuses a wrong password in docker\'s words, saving nothing and echoing no secret', async () => {
    const error = await caught(service.login(registry.host, REGISTRY_USER, WRONG));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe(auth === 'htpasswd'
      ? `login attempt to http://${registry.host}/v2/ failed with status: 401 Unauthorized`
      : `Get "http://${registry.host}/v2/": unauthorized: incorrect username or password`);
    expect(`${error.message}${String(error.stack)}`).not.toContain(WRONG);
    await expect(stat(authFile())).rejects.toThrow(/ENOENT/);
    expect(await service.listRegistries()).toEqual([]);
  });

  it('without a login a pull is refused with the hint to log in, and the test says a login is missing', async () => {
    const error = toErrorPayload(await pull(`${registry.host}/team/app:1`).catch((e: unknown) => e));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toContain(`berth login ${registry.host}`);
    expect(await service.testRegistry(registry.host)).toMatchObject({ reachable: true, auth: auth === 'htpasswd' ? 'basic' : 'bearer', credentials: 'missing', source: null });
  });

  it('logs in, saves 0600, pulls with the saved login, tests it, then logs out', async () => {
    expect(await service.login(`https://${registry.host}`, REGISTRY_USER, REGISTRY_PASSWORD)).toEqual({ registry: registry.host, server: registry.host, username: REGISTRY_USER, location: authFile() });
    expect((await stat(authFile())).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(await readFile(authFile(), 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(saved.auths[registry.host]!.auth, 'base64').toString()).toBe(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`);
    expect(await service.listRegistries()).toEqual([
      { registry: registry.host, server: registry.host, username: REGISTRY_USER, source: 'berth', helper: null, location: authFile(), problem: null },
    ]);

    expect(await pull(`${registry.host}/team/app:1`)).toMatchObject({ id: image.config.digest, status: 'downloaded' });
    const test = await service.testRegistry(registry.host);
    expect(test).toMatchObject({ reachable: true, credentials: 'accepted', source: 'berth', username: REGISTRY_USER });
    expect(test.message).toBe(`${registry.host} answers and accepts the login of ${REGISTRY_USER}`);
    // Every task title and event the pull left says nothing of the password.
    expect(JSON.stringify(await service.listTasks())).not.toContain(REGISTRY_PASSWORD);

    expect(await service.logout(registry.host)).toEqual({ registry: registry.host, server: registry.host, removed: true, remaining: null });
    expect(await service.listRegistries()).toEqual([]);
    expect(await service.logout(registry.host)).toMatchObject({ removed: false, remaining: null });
    await service.remove([`${registry.host}/team/app:1`]);
    expect(toErrorPayload(await pull(`${registry.host}/team/app:1`).catch((e: unknown) => e)).code).toBe('UNAUTHORIZED');
  });

  it("counts a docker login from docker's config, and logout leaves it, saying so", async () => {
    const auths = { [`https://${registry.host}`]: { auth: Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64') } };
    await writeFile(path.join(dir, 'docker', 'config.json'), JSON.stringify({ auths }));
    expect(await pull(`${registry.host}/team/app:1`)).toMatchObject({ id: image.config.digest });
    expect(await service.testRegistry(registry.host)).toMatchObject({ credentials: 'accepted', source: 'docker-config' });
    const out = await service.logout(registry.host);
    expect(out).toMatchObject({ removed: false, remaining: { source: 'docker-config', username: REGISTRY_USER, location: path.join(dir, 'docker', 'config.json') } });
  });

  it("uses an identity token from docker's config with the refresh_token grant (Bearer), and says a Basic registry cannot", async () => {
    const config = (token: string) => writeFile(path.join(dir, 'docker', 'config.json'), JSON.stringify({ auths: { [registry.host]: { auth: '', identitytoken: token } } }));
    await config(REFRESH_TOKEN);
    if (auth === 'token') {
      const before = registry.tokenServer!.requests.length;
      expect(await pull(`${registry.host}/team/app:1`)).toMatchObject({ id: image.config.digest });
      const grants = registry.tokenServer!.requests.slice(before);
      expect(grants.length).toBeGreaterThan(0);
      expect(grants.every((r) => r.grant === 'refresh_token' && r.authorization === null)).toBe(true);
      expect(grants[0]!.scopes).toEqual(['repository:team/app:pull']);
      expect(await service.testRegistry(registry.host)).toMatchObject({ credentials: 'accepted', source: 'docker-config', message: `${registry.host} answers and accepts the saved identity token` });
      await config('a-revoked-refresh-token');
      const refused = await service.testRegistry(registry.host);
      expect(refused).toMatchObject({ credentials: 'refused' });
      expect(refused.message).not.toContain('a-revoked-refresh-token');
    } else {
      const error = toErrorPayload(await pull(`${registry.host}/team/app:1`).catch((e: unknown) => e));
      expect(error).toEqual({
        code: 'UNAUTHORIZED',
        message: `registry ${registry.host} asks for a user name and password, but its saved login is an identity token; log in with a password: \`berth login ${registry.host}\``,
      });
    }
  });

  it("a saved login the registry now refuses: the test says refused, Berth's login wins over docker's", async () => {
    await writeFile(path.join(dir, 'docker', 'config.json'), JSON.stringify({ auths: { [registry.host]: { username: REGISTRY_USER, password: REGISTRY_PASSWORD } } }));
    await mkdir(path.join(dir, 'config'), { recursive: true });
    await writeFile(authFile(), JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${REGISTRY_USER}:${WRONG}`).toString('base64') } } }), { mode: 0o600 });
    const test = await service.testRegistry(registry.host);
    expect(test).toMatchObject({ reachable: true, credentials: 'refused', source: 'berth' });
    expect(test.message).not.toContain(WRONG);
  });
});

describe('secrets stay with their registry', () => {
  let registry: Registry;
  let image: SeededImage;
  let proxy: FaultProxy;
  let elsewhere: FaultProxy;

  beforeAll(async () => {
    registry = await startRegistry({ auth: 'htpasswd' });
    image = await pushTestImage(registry, 'team/app', ['1'], [randomBytes(50_000)]);
    proxy = await startFaultProxy(registry.url);
    // The second host (a CDN) holds its own right to read the registry, as a presigned URL would.
    elsewhere = await startFaultProxy(registry.url, { bindAddress: '127.0.0.2', forwardHeaders: { authorization: registry.authorization('team/app')! } });
  }, 30_000);
  afterAll(async () => {
    await proxy?.stop();
    await elsewhere?.stop();
    await registry?.stop();
  });
  afterEach(() => {
    proxy.plan = null;
  });

  it('a blob redirected to another loopback host gets no Authorization from the saved login', async () => {
    await open();
    await service.login(proxy.host, REGISTRY_USER, REGISTRY_PASSWORD);
    proxy.plan = (r) => (r.method === 'GET' && r.url.includes('/blobs/') ? { kind: 'redirect', location: `${elsewhere.url}${r.url}` } : undefined);
    expect(await pull(`${proxy.host}/team/app:1`)).toMatchObject({ id: image.config.digest, status: 'downloaded' });
    const basic = `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64')}`;
    expect(proxy.requests.some((r) => r.headers.authorization === basic)).toBe(true);
    const there = elsewhere.requests.filter((r) => r.url.includes('/blobs/'));
    expect(there.length).toBeGreaterThanOrEqual(2); // config and layer
    for (const r of there) {
      expect(r.headers.authorization).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain(REGISTRY_PASSWORD);
      expect(JSON.stringify(r)).not.toContain(basic.slice(6));
    }
  });
});
