// The helpers the whole suite leans on: prove they start real peers and make real tarballs.
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRegistry, REGISTRY_USER, REGISTRY_PASSWORD } from './registry.js';
import { startDockerd, canStartDockerd } from './dockerd.js';
import { makeRootfsTar, type TarCompression } from './tarball.mjs';
import { shellRootfsEntries } from './shell-rootfs.js';
import { runOk, runProcess } from './run-process.js';

describe('startRegistry', () => {
  it('serves an open registry on loopback and cleans up', async () => {
    const registry = await startRegistry();
    try {
      expect(registry.host).toMatch(/^127\.0\.0\.1:\d+$/);
      const response = await fetch(`${registry.url}/v2/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    } finally {
      await registry.stop();
    }
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  });

  it('asks for Basic credentials in htpasswd mode and accepts the fixed account', async () => {
    const registry = await startRegistry({ auth: 'htpasswd' });
    try {
      const anonymous = await fetch(`${registry.url}/v2/`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm="berth-test"/);
      const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
      expect((await fetch(`${registry.url}/v2/`, { headers: basic(REGISTRY_USER, REGISTRY_PASSWORD) })).status).toBe(200);
      expect((await fetch(`${registry.url}/v2/`, { headers: basic(REGISTRY_USER, 'wrong') })).status).toBe(401);
      expect(registry.credentials).toEqual({ username: REGISTRY_USER, password: REGISTRY_PASSWORD });
    } finally {
      await registry.stop();
    }
  });
});

describe('makeRootfsTar', () => {
  it.each<TarCompression>(['none', 'gzip', 'xz', 'zstd'])('writes a tarball that tar reads (%s)', async (compression) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-rootfs-'));
    try {
      const bytes = await makeRootfsTar(
        [
          { path: 'etc', type: 'directory' },
          { path: 'etc/hello', content: 'hi\n' },
          { path: 'etc/link', type: 'symlink', target: 'hello' },
        ],
        { compression },
      );
      const file = path.join(dir, 'rootfs.tar');
      await writeFile(file, bytes);
      const listing = await runOk('tar', ['-tvf', file]);
      expect(listing).toMatch(/^d.* etc\/?$/m);
      expect(listing).toMatch(/ etc\/hello$/m);
      expect(listing).toMatch(/ etc\/link -> hello$/m);
      expect(await runOk('tar', ['-xOf', file, 'etc/hello'])).toBe('hi\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives the same bytes for the same entries', async () => {
    expect((await makeRootfsTar({ a: 'x' })).equals(await makeRootfsTar({ a: 'x' }))).toBe(true);
  });

  it('streams content that arrives in chunks (as the bench does), and refuses chunks that miss the size', async () => {
    async function* chunks() {
      yield Buffer.from('ab');
      yield new TextEncoder().encode('cd');
    }
    expect((await makeRootfsTar([{ path: 'big', size: 4, content: chunks() }])).equals(await makeRootfsTar({ big: 'abcd' }))).toBe(true);
    await expect(makeRootfsTar([{ path: 'big', size: 5, content: chunks() }])).rejects.toThrow(/size mismatch/i);
  });
});

describe.skipIf(!canStartDockerd())('startDockerd', () => {
  it('starts one private daemon per file that runs the shell rootfs, and stops it', async () => {
    const first = await startDockerd();
    const second = await startDockerd();
    expect(second.env.DOCKER_HOST).toBe(first.env.DOCKER_HOST);
    expect(first.env.DOCKER_HOST.length).toBeLessThan(108);
    const dir = await mkdtemp(path.join(tmpdir(), 'berth-shell-'));
    try {
      const tarPath = path.join(dir, 'shell.tar');
      await writeFile(tarPath, await makeRootfsTar(shellRootfsEntries()));
      const imported = await first.docker(['import', tarPath, 'berth-test/shell:1']);
      expect(imported.stderr).toBe('');
      const ran = await first.docker(['run', '--rm', '--network', 'none', 'berth-test/shell:1', '/bin/sh', '-c', 'echo ok']);
      expect(ran.stderr).toBe('');
      expect(ran.stdout).toBe('ok\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
      await second.stop();
      await first.stop();
    }
    const after = await runProcess('docker', ['version'], { env: first.env, timeoutMs: 10_000 });
    expect(after.code).not.toBe(0);
  });
});
