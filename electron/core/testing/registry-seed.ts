// Puts test images into a test registry with plain distribution-API calls (POST an upload, PUT it with its digest,
// PUT the manifest), authorised with the registry's own test credentials: fast, and independent of the client
// under test.
import { createHash } from 'node:crypto';
import { request } from 'undici';
import type { Registry } from './registry.js';

export interface SeededBlob {
  mediaType: string;
  digest: string;
  size: number;
  bytes: Buffer;
}

export interface SeededImage {
  manifest: Buffer;
  manifestDigest: string;
  mediaType: string;
  config: SeededBlob;
  layers: SeededBlob[];
}

const sha256 = (data: Buffer) => `sha256:${createHash('sha256').update(data).digest('hex')}`;

function headers(registry: Registry, repository: string, extra: Record<string, string> = {}): Record<string, string> {
  const authorization = registry.authorization(repository);
  return { ...extra, ...(authorization ? { authorization } : {}) };
}

async function send(method: 'POST' | 'PUT', url: string | URL, head: Record<string, string>, what: string, body?: Buffer) {
  const response = await request(url, { method, headers: head, body });
  const text = await response.body.text();
  if (response.statusCode >= 300) throw new Error(`${what}: ${response.statusCode} ${text}`);
  return response;
}

export async function pushBlob(registry: Registry, repository: string, bytes: Buffer, mediaType = 'application/octet-stream'): Promise<SeededBlob> {
  const digest = sha256(bytes);
  const start = await send('POST', `${registry.url}/v2/${repository}/blobs/uploads/`, headers(registry, repository), `starting an upload to ${repository}`);
  const location = new URL(String(start.headers.location ?? ''), registry.url);
  location.searchParams.set('digest', digest);
  await send('PUT', location, headers(registry, repository, { 'content-type': 'application/octet-stream' }), `uploading ${digest} to ${repository}`, bytes);
  return { mediaType, digest, size: bytes.length, bytes };
}

export async function pushManifest(registry: Registry, repository: string, reference: string, mediaType: string, bytes: Buffer): Promise<string> {
  await send('PUT', `${registry.url}/v2/${repository}/manifests/${reference}`, headers(registry, repository, { 'content-type': mediaType }), `putting the manifest ${repository}:${reference}`, bytes);
  return sha256(bytes);
}

/**
 * An OCI image with the given layer bytes (any bytes: the registry does not look inside) and a small config,
 * tagged with every tag in `tags`.
 */
export async function pushTestImage(registry: Registry, repository: string, tags: readonly string[], layers: readonly Buffer[]): Promise<SeededImage> {
  const pushedLayers: SeededBlob[] = [];
  for (const layer of layers) pushedLayers.push(await pushBlob(registry, repository, layer, 'application/vnd.oci.image.layer.v1.tar+gzip'));
  const configJson = {
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: pushedLayers.map((l) => l.digest) },
    config: {},
  };
  const config = await pushBlob(registry, repository, Buffer.from(JSON.stringify(configJson)), 'application/vnd.oci.image.config.v1+json');
  const mediaType = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = Buffer.from(JSON.stringify({
    schemaVersion: 2,
    mediaType,
    config: { mediaType: config.mediaType, digest: config.digest, size: config.size },
    layers: pushedLayers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size })),
  }));
  let manifestDigest = sha256(manifest);
  for (const tag of tags) manifestDigest = await pushManifest(registry, repository, tag, mediaType, manifest);
  return { manifest, manifestDigest, mediaType, config, layers: pushedLayers };
}
