// The pull/push benchmark's image: 5 layers of incompressible bytes (AES-CTR keystream) in an OCI layout, each a
// tar of one file, gzip-wrapped at level 0 (stored blocks: the data cannot shrink, and a real gzip pass would only
// cost minutes at generation). Generated once into bench/out/ and reused while its size is right.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { packRootfsTar } from '../../electron/core/testing/tarball.mjs';

const LAYERS = 5;
const CHUNK = 1024 * 1024;
export const IMAGE_REF = 'bench';

const hashing = (hash) => new Transform({ transform(chunk, _enc, done) { hash.update(chunk); done(null, chunk); } });

async function writeLayer(blobs, index, bytes) {
  const cipher = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  const zeros = Buffer.alloc(CHUNK);
  function* content() {
    for (let left = bytes; left > 0; left -= CHUNK) yield cipher.update(zeros.subarray(0, Math.min(CHUNK, left)));
  }
  const diff = createHash('sha256');
  const digest = createHash('sha256');
  const temp = path.join(blobs, `.layer-${index}`);
  await pipeline(
    packRootfsTar([{ path: `data/layer-${index}.bin`, size: bytes, content: content() }]),
    hashing(diff), createGzip({ level: 0 }), hashing(digest), createWriteStream(temp),
  );
  const hex = digest.digest('hex');
  await rename(temp, path.join(blobs, hex));
  const { size } = await stat(path.join(blobs, hex));
  return { diffId: `sha256:${diff.digest('hex')}`, descriptor: { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: `sha256:${hex}`, size } };
}

async function writeBlob(blobs, bytes) {
  const hex = createHash('sha256').update(bytes).digest('hex');
  await writeFile(path.join(blobs, hex), bytes);
  return { digest: `sha256:${hex}`, size: bytes.length };
}

/** An OCI layout at `dir` holding `bench` (about `totalBytes` in 5 layers); `{ dir, ref, size }`. */
export async function ensureRegistryImage(dir, totalBytes) {
  const marker = path.join(dir, 'bench-image.json');
  const known = JSON.parse(await readFile(marker, 'utf8').catch(() => 'null'));
  if (known?.totalBytes === totalBytes) return { dir, ref: IMAGE_REF, size: known.size, generated: false };
  await rm(dir, { recursive: true, force: true });
  const blobs = path.join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const layers = [];
  for (let i = 0; i < LAYERS; i++) layers.push(await writeLayer(blobs, i, Math.floor(totalBytes / LAYERS)));
  const config = await writeBlob(blobs, Buffer.from(JSON.stringify({
    architecture: 'amd64', os: 'linux', config: { Cmd: ['/bin/sh'] },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: layers.map(() => ({ created_by: 'bench layer' })),
  })));
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = await writeBlob(blobs, Buffer.from(JSON.stringify({
    schemaVersion: 2, mediaType,
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: layers.map((l) => l.descriptor),
  })));
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(path.join(dir, 'index.json'), JSON.stringify({
    schemaVersion: 2, manifests: [{ mediaType, ...manifest, annotations: { 'org.opencontainers.image.ref.name': IMAGE_REF } }],
  }));
  const size = layers.reduce((sum, l) => sum + l.descriptor.size, 0);
  await writeFile(marker, JSON.stringify({ totalBytes, size }));
  return { dir, ref: IMAGE_REF, size, generated: true };
}
