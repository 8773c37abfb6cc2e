// Berth's load against real archives: what `docker save` (dockerd 20.10, private daemon) and `skopeo copy` write,
// Berth loads with the image IDs and tags docker shows.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryReference } from '../image/entry-reference.js';
import { openStore } from '../store/store.js';
import { canStartDockerd, startDockerd, type Dockerd } from '../testing/dockerd.js';
import { findPeer } from '../testing/peers.mjs';
import { runProcess } from '../testing/run-process.js';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { legacyArchiveEntries, testImage } from '../tarball/test-support/archives.js';
import { loadArchive } from './load.js';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('load.docker.test.ts skipped: dockerd/docker missing or not running as root');

describe.skipIf(!available)('berth load of what docker and skopeo save', () => {
  let dockerd: Dockerd;
  let dir: string;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    dockerd = await startDockerd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-load-docker-'));
    // Two images sharing a base layer, into docker by its own load, then saved by docker.
    const base = await makeRootfsTar({ 'etc/os-release': 'ID=berth\n' });
    const a = await testImage([base, await makeRootfsTar({ 'a/file': 'a\n' })]);
    const b = await testImage([base, await makeRootfsTar({ 'b/file': 'b\n' })]);
    const input = path.join(dir, 'input.tar');
    await writeFile(input, await makeRootfsTar(legacyArchiveEntries([{ image: a, tags: ['berth-a:1', 'berth-a:latest'] }, { image: b, tags: ['berth-b:2'] }])));
    const loaded = await dockerd.docker(['load', '-i', input]);
    expect(loaded.stdout).toContain('Loaded image: berth-a:1');
    for (const tag of ['berth-a:1', 'berth-a:latest', 'berth-b:2']) {
      ids.set(tag, (await dockerd.docker(['inspect', '-f', '{{.Id}}', tag])).stdout.trim());
    }
  }, 120_000);
  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function loadFile(file: string) {
    const store = await openStore(path.join(dir, `store-${path.basename(file)}`));
    const result = await loadArchive(store, createReadStream(file));
    const index = await store.readIndex();
    return { result, store, refs: index.manifests.map((e) => entryReference(e)).sort() };
  }

  it('docker save → berth load: the same image IDs and every tag', async () => {
    const saved = path.join(dir, 'docker-save.tar');
    await dockerd.docker(['save', '-o', saved, 'berth-a:1', 'berth-a:latest', 'berth-b:2']);
    const { result, store, refs } = await loadFile(saved);
    expect(refs).toEqual(['docker.io/library/berth-a:1', 'docker.io/library/berth-a:latest', 'docker.io/library/berth-b:2']);
    const byTag = new Map(result.images.flatMap((image) => image.tags.map((tag) => [tag, image.id] as const)));
    for (const [tag, id] of ids) expect(byTag.get(`docker.io/library/${tag}`)).toBe(id);
    expect((await store.fsck()).ok).toBe(true);
  });

  it.skipIf(!findPeer('podman'))('podman save (docker-archive and oci-archive) → berth load: the ID podman shows', async () => {
    const podman = ['--storage-driver', 'vfs', '--root', path.join(dir, 'podman-root'), '--runroot', path.join(dir, 'podman-run')];
    const run = async (args: string[]) => {
      const result = await runProcess(findPeer('podman')!, [...podman, ...args]);
      expect(result.code, result.stderr).toBe(0);
      return result.stdout;
    };
    const rootfs = path.join(dir, 'podman-rootfs.tar');
    await writeFile(rootfs, await makeRootfsTar({ 'etc/podman-made': 'yes\n' }));
    await run(['import', rootfs, 'berth-p:1']);
    const podmanId = `sha256:${(await run(['images', '--format', '{{.ID}}', '--no-trunc', 'localhost/berth-p:1'])).trim().replace(/^sha256:/, '')}`;
    for (const format of ['docker-archive', 'oci-archive']) {
      const file = path.join(dir, `podman-${format}.tar`);
      await run(['save', '--format', format, '-o', file, 'localhost/berth-p:1']);
      const { result, refs } = await loadFile(file);
      expect({ format, refs }).toEqual({ format, refs: ['localhost/berth-p:1'] });
      expect({ format, id: result.images[0]!.id }).toEqual({ format, id: podmanId });
    }
  });

  it.skipIf(!findPeer('skopeo'))('skopeo docker-archive and oci-archive → berth load: the same image ID', async () => {
    const saved = path.join(dir, 'one.tar');
    await dockerd.docker(['save', '-o', saved, 'berth-b:2']);
    const dockerArchive = path.join(dir, 'skopeo-docker.tar');
    const ociArchive = path.join(dir, 'skopeo-oci.tar');
    await runProcess(findPeer('skopeo')!, ['copy', '-q', `docker-archive:${saved}`, `docker-archive:${dockerArchive}:berth-b:2`]);
    await runProcess(findPeer('skopeo')!, ['copy', '-q', `docker-archive:${saved}`, `oci-archive:${ociArchive}:docker.io/library/berth-b:2`]);
    const fromDocker = await loadFile(dockerArchive);
    expect(fromDocker.refs).toEqual(['docker.io/library/berth-b:2']);
    expect(fromDocker.result.images[0]!.id).toBe(ids.get('berth-b:2'));
    // skopeo rewrites the config into OCI's shape for an OCI archive: the ID is that config's digest.
    const fromOci = await loadFile(ociArchive);
    const raw = await runProcess(findPeer('skopeo')!, ['inspect', '--raw', `oci-archive:${ociArchive}`]);
    expect(fromOci.refs).toEqual(['docker.io/library/berth-b:2']);
    expect(fromOci.result.images[0]!.id).toBe((JSON.parse(raw.stdout) as { config: { digest: string } }).config.digest);
  });
});
