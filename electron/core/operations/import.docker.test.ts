// Berth's import against the real `docker import` (dockerd 20.10 from Debian, private daemon): same diff_id for the
// same file, and the same image config bytes apart from `created` and the two daemon-only fields.
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartDockerd, startDockerd, type Dockerd } from '../testing/dockerd.js';
import { findPeer } from '../testing/peers.mjs';
import { compress, makeRootfsTar } from '../testing/tarball.mjs';
import { buildImportConfig, toGoJson } from '../image/import-config.js';
import { openStore } from '../store/store.js';
import { importRootfsImage } from './import.js';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('import.docker.test.ts skipped: dockerd/docker missing or not running as root');

describe.skipIf(!available)('berth import vs docker import', () => {
  let dockerd: Dockerd;
  let dir: string;

  beforeAll(async () => {
    dockerd = await startDockerd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-import-docker-'));
  });
  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function dockerImport(file: string, extra: string[] = []): Promise<string> {
    const result = await dockerd.docker(['import', ...extra, file]);
    expect(result.stderr).toBe('');
    return result.stdout.trim();
  }

  async function dockerDiffId(file: string): Promise<string> {
    const id = await dockerImport(file);
    const inspect = await dockerd.docker(['inspect', '-f', '{{index .RootFS.Layers 0}}', id]);
    return inspect.stdout.trim();
  }

  async function berthImport(file: string, options: Parameters<typeof importRootfsImage>[2] = {}) {
    const store = await openStore(path.join(dir, `store-${path.basename(file)}`));
    const image = await importRootfsImage(store, createReadStream(file), options);
    return { ...image, configBytes: await store.readBlobBytes(image.config.digest) };
  }

  /** A root filesystem made by GNU tar from a real directory: `./` names, 10240-byte records, hard and soft links. */
  async function gnuTar(): Promise<string> {
    const tree = path.join(dir, 'tree');
    await mkdir(path.join(tree, 'bin'), { recursive: true });
    await mkdir(path.join(tree, 'etc'), { recursive: true });
    await writeFile(path.join(tree, 'bin', 'busybox'), '#!busybox\n', { mode: 0o755 });
    await writeFile(path.join(tree, 'etc', 'hostname'), 'berth\n');
    spawnSync('ln', ['-s', '/bin/busybox', path.join(tree, 'bin', 'sh')]);
    spawnSync('ln', [path.join(tree, 'etc', 'hostname'), path.join(tree, 'etc', 'hostname2')]);
    const file = path.join(dir, 'gnu.tar');
    const result = spawnSync('tar', ['-C', tree, '-cf', file, '.']);
    expect(result.status).toBe(0);
    return file;
  }

  it('computes the same diff_id as docker for plain, gzip, xz and GNU tar input, trailing bytes included', async () => {
    const tar = await makeRootfsTar([
      { path: 'bin/busybox', content: 'x'.repeat(3000), mode: 0o755 },
      { path: 'bin/sh', type: 'symlink', target: '/bin/busybox' },
      { path: 'etc/', type: 'directory' },
      { path: 'etc/os-release', content: 'ID=berth\n' },
    ]);
    const files: Record<string, Buffer> = {
      'plain.tar': tar,
      'rootfs.tar.gz': compress(tar, 'gzip'),
      'trailing.tar': Buffer.concat([tar, Buffer.from('TRAILING JUNK\n')]),
      ...(findPeer('xz') ? { 'rootfs.tar.xz': compress(tar, 'xz') } : {}),
    };
    const paths = [await gnuTar()];
    for (const [name, bytes] of Object.entries(files)) {
      paths.push(path.join(dir, name));
      await writeFile(path.join(dir, name), bytes);
    }
    for (const file of paths) {
      const docker = await dockerDiffId(file);
      const berth = await berthImport(file);
      expect({ file: path.basename(file), diffId: berth.diffId }).toEqual({ file: path.basename(file), diffId: docker });
    }
  });

  it('writes the config docker writes, byte for byte apart from container_config and docker_version', async () => {
    const file = path.join(dir, 'config.tar');
    await writeFile(file, await makeRootfsTar({ 'etc/hostname': 'berth\n' }));
    const cases: Array<{ changes: string[]; message?: string }> = [
      { changes: [] },
      {
        changes: ['ENV A=1', 'CMD ["x"]', 'LABEL b=2 a=1', 'EXPOSE 90 80', 'HEALTHCHECK --interval=1s CMD x && y <z>', 'WORKDIR /srv', 'VOLUME /data'],
        message: 'm <&>',
      },
    ];
    for (const { changes, message } of cases) {
      const extra = [...changes.flatMap((change) => ['-c', change]), ...(message ? ['-m', message] : [])];
      const id = await dockerImport(file, extra);
      const saved = path.join(dir, 'saved.tar');
      expect((await dockerd.docker(['save', '-o', saved, id])).code).toBe(0);
      const manifest = JSON.parse(spawnSync('tar', ['-xOf', saved, 'manifest.json']).stdout.toString()) as Array<{ Config: string }>;
      const dockerConfig = spawnSync('tar', ['-xOf', saved, manifest[0]?.Config ?? '']).stdout.toString();
      const parsed = JSON.parse(dockerConfig) as { created: string; rootfs: { diff_ids: string[] } };

      const berth = toGoJson(buildImportConfig({ diffId: parsed.rootfs.diff_ids[0] ?? '', changes, message, created: parsed.created, platform: { os: 'linux', architecture: JSON.parse(dockerConfig).architecture } }));
      const expected = dockerConfig.replace(/"container_config":\{[^{}]*\},/, '').replace(/"docker_version":"[^"]*",/, '');
      expect(berth).toBe(expected);
    }
  });

  it("reports the image's size as docker does: its files unpacked, not the tar's length", async () => {
    const cases: Array<[string, Parameters<typeof makeRootfsTar>[0]]> = [
      ['tree', [
        { path: 'bin/', type: 'directory' },
        { path: 'bin/busybox', content: Buffer.alloc(200_000, 7), mode: 0o755 },
        { path: 'bin/sh', type: 'symlink', target: '/bin/busybox' },
        { path: 'bin/ash', type: 'link', target: 'bin/busybox' },
        { path: 'etc/hostname', content: 'berth\n' },
        { path: 'etc/empty', content: '' },
        { path: 'run/fifo', type: 'fifo' },
      ]],
      ['gnu', []],
    ];
    for (const [name, entries] of cases) {
      const file = name === 'gnu' ? await gnuTar() : path.join(dir, `${name}-size.tar`);
      if (name !== 'gnu') await writeFile(file, await makeRootfsTar(entries));
      const id = await dockerImport(file);
      const dockerSize = Number((await dockerd.docker(['inspect', '-f', '{{.Size}}', id])).stdout.trim());
      const store = await openStore(path.join(dir, `size-${name}`));
      const image = await importRootfsImage(store, createReadStream(file), {});
      const berthSize = (await store.layerSizes()).get(image.layers[0]!.digest);
      expect({ name, size: berthSize }).toEqual({ name, size: dockerSize });
    }
  });
});
