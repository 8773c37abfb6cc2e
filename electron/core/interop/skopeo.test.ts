// Issue 2 item 8: what Berth imports, skopeo and umoci read; what skopeo writes into the store, Berth lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, runCliOk } from '../testing/cli.js';
import { isRoot, requirePeer } from '../testing/peers.mjs';
import { runOk } from '../testing/run-process.js';
import { writeRootfsTar } from '../testing/tarball.mjs';
import { imageByRefName, readIndex, sha256 } from './layout.js';

const REF = 'docker.io/library/interop-hello:1.0';
let dir: string;
let store: string;
let rootfsTar: Buffer;
let skopeo: string;
let umoci: string;

beforeAll(async () => {
  skopeo = requirePeer('skopeo');
  umoci = requirePeer('umoci');
  dir = await mkdtemp(path.join(tmpdir(), 'berth-interop-'));
  store = path.join(dir, 'store');
  rootfsTar = await writeRootfsTar(path.join(dir, 'rootfs.tar'), [
    { path: 'etc', type: 'directory' },
    { path: 'etc/hello', content: 'hello from berth\n' },
    { path: 'etc/hello-link', type: 'symlink', target: 'hello' },
  ]);
  await runCliOk(['import', '-m', 'interop', path.join(dir, 'rootfs.tar'), 'interop-hello:1.0'], { store });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const berthImages = async () => (await runCliOk(['images', '--format', '{{.Repository}}:{{.Tag}}'], { store })).trim().split('\n');

describe('skopeo reads what berth imports', () => {
  it('skopeo inspect oci:$STORE:docker.io/library/NAME:TAG shows the stored digest, layer and config', async () => {
    const stored = await imageByRefName(store, REF);
    const inspect = JSON.parse(await runOk(skopeo, ['inspect', `oci:${store}:${REF}`])) as {
      Digest: string; Layers: string[]; Architecture: string; Os: string;
    };
    expect(inspect.Digest).toBe(stored.manifestDigest);
    expect(inspect.Layers).toEqual(stored.manifest.layers.map((layer) => layer.digest));
    expect(inspect.Layers).toHaveLength(1);
    expect(inspect.Os).toBe('linux');
    expect(inspect.Architecture).toBe(stored.config.architecture);

    const raw = await runOk(skopeo, ['inspect', '--raw', `oci:${store}:${REF}`]);
    expect(sha256(raw)).toBe(stored.manifestDigest);
    const config = JSON.parse(await runOk(skopeo, ['inspect', '--config', `oci:${store}:${REF}`])) as { rootfs: { diff_ids: string[] } };
    // docker import's diff_id is the digest of the uncompressed tarball as given.
    expect(config.rootfs.diff_ids).toEqual([sha256(rootfsTar)]);
    // The image ID berth prints is the config digest, as docker's is.
    expect((await runCliOk(['inspect', '-f', '{{.Id}}', 'interop-hello:1.0'], { store })).trim()).toBe(stored.configDigest);
  });

  it('skopeo copy oci:$STORE:REF docker-archive:FILE keeps the layer bytes', async () => {
    const archive = path.join(dir, 'hello-docker.tar');
    await runOk(skopeo, ['copy', '-q', `oci:${store}:${REF}`, `docker-archive:${archive}:interop-hello:1.0`]);
    const manifest = JSON.parse(await runOk('tar', ['-xOf', archive, 'manifest.json'])) as { RepoTags: string[]; Layers: string[] }[];
    expect(manifest).toHaveLength(1);
    // skopeo 1.9 writes the tag fully qualified; docker load reads both forms.
    expect(manifest[0]?.RepoTags).toHaveLength(1);
    expect(manifest[0]?.RepoTags[0]).toMatch(/^(docker\.io\/library\/)?interop-hello:1\.0$/);
    const layerPath = manifest[0]?.Layers[0] ?? '';
    await runOk('tar', ['-xf', archive, '-C', dir, layerPath]);
    expect(sha256(await readFile(path.join(dir, layerPath)))).toBe(sha256(rootfsTar));
  });

  it('umoci lists the layout and unpacks the image with its files', async () => {
    expect((await runOk(umoci, ['ls', '--layout', store])).split('\n')).toContain(REF);
    const bundle = path.join(dir, 'bundle');
    // umoci checks every layer against the config's diff_ids while unpacking.
    await runOk(umoci, ['unpack', ...(isRoot() ? [] : ['--rootless']), '--image', `${store}:${REF}`, bundle]);
    expect(await readFile(path.join(bundle, 'rootfs', 'etc', 'hello'), 'utf8')).toBe('hello from berth\n');
    expect(await readFile(path.join(bundle, 'rootfs', 'etc', 'hello-link'), 'utf8')).toBe('hello from berth\n');
  });
});

describe('berth lists what skopeo copies into the store', () => {
  let archive: string;
  beforeAll(async () => {
    archive = path.join(dir, 'other-docker.tar');
    await writeRootfsTar(path.join(dir, 'other.tar'), { 'other.txt': 'other\n' });
    const other = path.join(dir, 'other-store');
    await runCliOk(['import', path.join(dir, 'other.tar'), 'other:1'], { store: other });
    await runOk(skopeo, ['copy', '-q', `oci:${other}:docker.io/library/other:1`, `docker-archive:${archive}:other:1`]);
  });

  it('with the full reference as ref name (skopeo copy … oci:$STORE:docker.io/library/x:1)', async () => {
    await runOk(skopeo, ['copy', '-q', `docker-archive:${archive}`, `oci:${store}:docker.io/library/skopeo-copied:1`]);
    expect(await berthImages()).toContain('skopeo-copied:1');
    const copied = await imageByRefName(store, 'docker.io/library/skopeo-copied:1');
    expect((await runCliOk(['inspect', '-f', '{{.Id}}', 'skopeo-copied:1'], { store })).trim()).toBe(copied.configDigest);
    // skopeo left the entry berth wrote alone.
    expect(await berthImages()).toContain('interop-hello:1.0');
  });

  it('with a short ref name, as skopeo writes it verbatim (oci:$STORE:short:2 -> "short:2")', async () => {
    await runOk(skopeo, ['copy', '-q', `docker-archive:${archive}`, `oci:${store}:skopeo-short:2`]);
    const names = (await readIndex(store)).map((d) => d.annotations?.['org.opencontainers.image.ref.name']);
    expect(names).toContain('skopeo-short:2');
    expect(await berthImages()).toContain('skopeo-short:2');
  });

  it('the store stays consistent for berth fsck after skopeo wrote into it', async () => {
    const result = await runCli(['fsck'], { store });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

