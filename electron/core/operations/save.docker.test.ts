// What `berth save` writes, the real peers load: `docker load` (dockerd 20.10, private daemon) with the same image
// ID and tags, and `docker run --network none` runs it; `podman load` (vfs, private root); skopeo reads it as a
// docker-archive and as an oci-archive. The same with --keep-compressed, and `berth save | berth load` over a pipe.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOk, CLI_PATH } from '../testing/cli.js';
import { canStartDockerd, startDockerd, type Dockerd } from '../testing/dockerd.js';
import { findPeer } from '../testing/peers.mjs';
import { runProcess } from '../testing/run-process.js';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { shellRootfsEntries } from '../testing/shell-rootfs.js';
import { ociArchiveEntries, testImage } from '../tarball/test-support/archives.js';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('save.docker.test.ts skipped: dockerd/docker missing or not running as root');

describe.skipIf(!available)('berth save, loaded by docker, podman and skopeo', () => {
  let dockerd: Dockerd;
  let dir: string;
  let store: string;
  let id: string;

  const dockerOk = (args: string[]) => dockerd.dockerOk(args);

  beforeAll(async () => {
    dockerd = await startDockerd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-save-docker-'));
    store = path.join(dir, 'store');
    const shell = path.join(dir, 'shell.tar');
    await writeFile(shell, await makeRootfsTar(shellRootfsEntries()));
    id = (await runCliOk(['import', '-c', 'CMD ["/bin/sh", "-c", "echo saved-by-berth"]', shell, 'saved-shell:1'], { store })).trim();
    await runCliOk(['tag', 'saved-shell:1', '127.0.0.1:5999/team/saved-shell:2'], { store });
    // A gzip-layered image, as pulled images are stored, for --keep-compressed.
    const shellLayer = await makeRootfsTar(shellRootfsEntries());
    const archive = path.join(dir, 'gz.tar');
    await writeFile(archive, await makeRootfsTar(ociArchiveEntries([{ image: await testImage([shellLayer]), tags: ['docker.io/library/gz-shell:1'] }], { gzipLayers: true })));
    await runCliOk(['load', '-i', archive], { store });
  }, 120_000);
  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('docker load takes it with the same ID and both tags, and runs it', async () => {
    const file = path.join(dir, 'berth-save.tar');
    await runCliOk(['save', '-o', file, id.slice(7, 19)], { store });
    const loaded = await dockerOk(['load', '-i', file]);
    expect(loaded).toContain('Loaded image: saved-shell:1');
    expect(loaded).toContain('Loaded image: 127.0.0.1:5999/team/saved-shell:2');
    expect((await dockerOk(['image', 'inspect', '-f', '{{.Id}}', 'saved-shell:1'])).trim()).toBe(id);
    expect(await dockerOk(['run', '--rm', '--network', 'none', 'saved-shell:1'])).toBe('saved-by-berth\n');
  });

  it('--keep-compressed: docker load and skopeo take the gzip layers as stored', async () => {
    const file = path.join(dir, 'kept.tar');
    await runCliOk(['save', '--keep-compressed', '-o', file, 'gz-shell:1'], { store });
    expect(await dockerOk(['load', '-i', file])).toContain('Loaded image: gz-shell:1');
    expect(await dockerOk(['run', '--rm', '--network', 'none', 'gz-shell:1', '/bin/sh', '-c', 'echo ok'])).toBe('ok\n');
    const skopeo = findPeer('skopeo');
    if (skopeo) {
      for (const transport of [`docker-archive:${file}`, `oci-archive:${file}`]) {
        const inspect = await runProcess(skopeo, ['inspect', '--config', transport]);
        expect(inspect.code, inspect.stderr).toBe(0);
      }
    }
  });

  it.skipIf(!findPeer('skopeo'))('skopeo reads the default save as a docker-archive and as an oci-archive', async () => {
    const file = path.join(dir, 'for-skopeo.tar');
    await runCliOk(['save', '-o', file, 'saved-shell:1'], { store });
    const skopeo = findPeer('skopeo')!;
    const asDocker = await runProcess(skopeo, ['inspect', `docker-archive:${file}`]);
    expect(asDocker.code, asDocker.stderr).toBe(0);
    expect(JSON.parse(asDocker.stdout)).toMatchObject({ Architecture: expect.any(String), Os: 'linux' });
    const asOci = await runProcess(skopeo, ['inspect', '--config', `oci-archive:${file}`]);
    expect(asOci.code, asOci.stderr).toBe(0);
  });

  it.skipIf(!findPeer('podman'))('podman load takes it, and the --keep-compressed one (vfs, private root)', async () => {
    const file = path.join(dir, 'for-podman.tar');
    await runCliOk(['save', '-o', file, 'saved-shell:1'], { store });
    const podman = ['--storage-driver', 'vfs', '--root', path.join(dir, 'podman-root'), '--runroot', path.join(dir, 'podman-run')];
    const loaded = await runProcess(findPeer('podman')!, [...podman, 'load', '-i', file]);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toMatch(/saved-shell:1/);
    const images = await runProcess(findPeer('podman')!, [...podman, 'images', '--format', '{{.ID}}', '--no-trunc']);
    expect(images.stdout).toContain(id);
    const kept = path.join(dir, 'kept-for-podman.tar');
    await runCliOk(['save', '--keep-compressed', '-o', kept, 'gz-shell:1'], { store });
    const keptLoaded = await runProcess(findPeer('podman')!, [...podman, 'load', '-i', kept]);
    expect(keptLoaded.code, keptLoaded.stderr).toBe(0);
    expect(keptLoaded.stdout).toMatch(/gz-shell:1/);
  });

  it('berth save | berth load over a pipe gives the same image', async () => {
    const other = path.join(dir, 'other-store');
    const command = `"${process.execPath}" "${CLI_PATH}" --store "${store}" save saved-shell:1 | "${process.execPath}" "${CLI_PATH}" --store "${other}" load`;
    const piped = await runProcess('/bin/sh', ['-c', command], { env: { BERTH_STORE: '' } });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toBe('Loaded image: saved-shell:1\n');
    expect((await runCliOk(['inspect', '-f', '{{.Id}}', 'saved-shell:1'], { store: other })).trim()).toBe(id);
  });
});
