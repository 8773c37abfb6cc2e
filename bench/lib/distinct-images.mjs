// A store of many DISTINCT images, as years of pulls or another OCI tool leave it, made fast: every image
// is a small config and manifest written straight into an OCI layout, all sharing one small layer, and
// index.json names each once. Blobs are named by their sha256 and sizes match, so `berth fsck` is clean.
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeRootfsTar } from '../../electron/core/testing/tarball.mjs';

const REF_NAME = 'org.opencontainers.image.ref.name';
const CONTAINERD_NAME = 'io.containerd.image.name';
const ARCH = { x64: 'amd64', ia32: '386' }[process.arch] ?? process.arch;

const sha256 = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** Writes an OCI layout at `store` (which must not exist) with `count` distinct images. */
export async function makeDistinctStore(store, count, { repositories = 100 } = {}) {
  const blobs = path.join(store, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const put = async (bytes) => {
    const digest = sha256(bytes);
    await writeFile(path.join(blobs, digest.slice(7)), bytes);
    return { digest, size: bytes.length };
  };
  const layer = await put(await makeRootfsTar({ 'hello.txt': 'hello from the bench\n' }));
  const base = Date.UTC(2020, 0, 1);
  const manifests = [];
  const pending = [];
  for (let i = 0; i < count; i++) {
    const config = Buffer.from(JSON.stringify({
      created: new Date(base + i * 61_000).toISOString(),
      architecture: ARCH,
      os: 'linux',
      config: { Env: ['PATH=/usr/bin:/bin'], Cmd: ['/bin/sh'], Labels: { 'bench.image': String(i) } },
      rootfs: { type: 'layers', diff_ids: [layer.digest] },
      history: [{ created: new Date(base).toISOString(), created_by: `bench image ${i}` }],
    }));
    const configDigest = sha256(config);
    const manifest = Buffer.from(JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: config.length },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: layer.digest, size: layer.size }],
    }));
    const manifestDigest = sha256(manifest);
    pending.push(writeFile(path.join(blobs, configDigest.slice(7)), config), writeFile(path.join(blobs, manifestDigest.slice(7)), manifest));
    if (pending.length >= 256) await Promise.all(pending.splice(0));
    const ref = `docker.io/library/distinct-${String(i % repositories).padStart(3, '0')}:v${i}`;
    manifests.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifest.length,
      annotations: { [REF_NAME]: ref, [CONTAINERD_NAME]: ref },
    });
  }
  await Promise.all(pending);
  await writeFile(path.join(store, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const index = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests };
  await writeFile(path.join(store, 'index.json.bench-tmp'), JSON.stringify(index));
  await rename(path.join(store, 'index.json.bench-tmp'), path.join(store, 'index.json'));
}
