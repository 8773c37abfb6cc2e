// Reads the OCI layout directly, as any OCI tool would, so interop tests compare peers with the bytes on disk.
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
}

export interface LayoutImage {
  manifestDigest: string;
  manifest: { config: Descriptor; layers: Descriptor[] };
  configDigest: string;
  config: { architecture: string; os: string; rootfs: { diff_ids: string[] }; config?: Record<string, unknown> };
}

export const sha256 = (bytes: Buffer | string): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

export async function readIndex(store: string): Promise<Descriptor[]> {
  return (JSON.parse(await readFile(path.join(store, 'index.json'), 'utf8')) as { manifests: Descriptor[] }).manifests;
}

export async function readBlob(store: string, digest: string): Promise<Buffer> {
  return readFile(path.join(store, 'blobs', ...digest.split(':')));
}

/** The image that `org.opencontainers.image.ref.name` = ref names in index.json. */
export async function imageByRefName(store: string, ref: string): Promise<LayoutImage> {
  const entry = (await readIndex(store)).find((d) => d.annotations?.['org.opencontainers.image.ref.name'] === ref);
  if (!entry) throw new Error(`index.json of ${store} has no entry named ${ref}`);
  const manifest = JSON.parse((await readBlob(store, entry.digest)).toString('utf8')) as LayoutImage['manifest'];
  const config = JSON.parse((await readBlob(store, manifest.config.digest)).toString('utf8')) as LayoutImage['config'];
  return { manifestDigest: entry.digest, manifest, configDigest: manifest.config.digest, config };
}
