// Manifests by tag or digest: GET with the full Accept list, HEAD for a cheap digest check. Mirrors
// go-containerregistry's remote.fetcher.fetchManifest / headManifest: the body is hashed here (Docker-Content-Digest
// is not trusted; some registries send a wrong one for tags), a pull by digest must hash to that digest, the size is
// capped, schema 1 is refused, and the document is read as an index or a manifest through electron/core/oci.
import { createHash } from 'node:crypto';
import { BerthError } from '../../../shared/errors.js';
import { parseDigest, sha256Digest } from '../oci/digest.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { OciIndex } from '../oci/image-index.js';
import { MEDIA_TYPES, isIndexMediaType, isManifestMediaType } from '../oci/media-types.js';
import { isDescriptor } from '../oci/descriptor.js';
import { readBody } from './body.js';
import type { RegistryClient } from './client.js';
import { responseError } from './response-error.js';
import { type HttpResponse, discard, header } from './transport.js';

/** What Berth reads, best first; schema 1 is not asked for (it is recognised only to be refused). */
export const MANIFEST_ACCEPT = [
  MEDIA_TYPES.ociIndex,
  MEDIA_TYPES.ociManifest,
  MEDIA_TYPES.dockerManifestList,
  MEDIA_TYPES.dockerManifest,
].join(', ');

/** containerd's limit for a manifest or index (remotes/docker: 4 MiB); real ones are a few KiB. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

const SCHEMA1_TYPES = new Set([
  'application/vnd.docker.distribution.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v1+prettyjws',
]);
// Old registries label schema 1 `text/plain`; the body's schemaVersion then decides (classify).

export interface ManifestHead {
  mediaType: string;
  /** sha256 of the bytes (HEAD: the registry's Docker-Content-Digest when it sends a usable one, else GET's). */
  digest: string;
  size: number;
}

export type RemoteManifest = ManifestHead & {
  bytes: Buffer;
} & ({ kind: 'index'; document: OciIndex } | { kind: 'manifest'; document: ImageManifest });

function isDigestReference(reference: string): boolean {
  return reference.includes(':');
}

function manifestPath(repository: string, reference: string): string {
  return `/v2/${repository}/manifests/${reference}`;
}

function schema1Error(registry: string, repository: string, reference: string): BerthError {
  const sep = isDigestReference(reference) ? '@' : ':';
  return new BerthError(
    'INVALID_ARGUMENT',
    `${registry}/${repository}${sep}${reference} is a Docker image manifest schema 1 image, which Berth (like Docker 28) does not support; push it again with a current docker or skopeo to convert it`,
  );
}

/** The media type without parameters (`application/json; charset=utf-8` → `application/json`). */
function bareType(value: string | undefined): string {
  return (value ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Reads the document's kind from its Content-Type, else its own mediaType, else its shape (OCI allows neither). */
function classify(contentType: string, document: unknown): { mediaType: string; kind: 'index' | 'manifest' } | 'schema1' | null {
  if (!document || typeof document !== 'object') return null;
  const doc = document as Record<string, unknown>;
  if (doc.schemaVersion === 1 || SCHEMA1_TYPES.has(contentType)) return 'schema1';
  if (doc.schemaVersion !== 2) return null;
  const own = typeof doc.mediaType === 'string' ? doc.mediaType : '';
  const candidates = [own, contentType];
  for (const type of candidates) {
    if (isIndexMediaType(type)) return { mediaType: type, kind: 'index' };
    if (isManifestMediaType(type)) return { mediaType: type, kind: 'manifest' };
  }
  if (own !== '') return null;
  if (Array.isArray(doc.manifests)) return { mediaType: MEDIA_TYPES.ociIndex, kind: 'index' };
  if (isDescriptor(doc.config) && Array.isArray(doc.layers)) return { mediaType: MEDIA_TYPES.ociManifest, kind: 'manifest' };
  return null;
}

function checkShape(kind: 'index' | 'manifest', document: Record<string, unknown>): boolean {
  if (kind === 'index') return Array.isArray(document.manifests) && document.manifests.every(isDescriptor);
  return isDescriptor(document.config) && Array.isArray(document.layers) && document.layers.every(isDescriptor);
}

async function failed(client: RegistryClient, response: HttpResponse, repository: string, reference: string): Promise<BerthError> {
  return responseError(response, { registry: client.registry, repository, reference, what: 'manifest', credentials: client.hasCredentials });
}

/** GET a manifest or index by tag or digest, verified and parsed. */
export async function getManifest(client: RegistryClient, repository: string, reference: string, options: { signal?: AbortSignal } = {}): Promise<RemoteManifest> {
  const wanted = isDigestReference(reference) ? parseDigest(reference) : null;
  const response = await client.request(repository, {
    method: 'GET',
    path: manifestPath(repository, reference),
    headers: { accept: MANIFEST_ACCEPT },
    signal: options.signal,
  });
  if (response.status !== 200) throw await failed(client, response, repository, reference);
  const contentType = bareType(header(response, 'content-type'));
  if (SCHEMA1_TYPES.has(contentType)) {
    await discard(response.body);
    throw schema1Error(client.registry, repository, reference);
  }
  const declared = Number(header(response, 'content-length'));
  if (Number.isFinite(declared) && declared > MAX_MANIFEST_BYTES) {
    await discard(response.body);
    throw new BerthError('INVALID_ARGUMENT', `the manifest of ${client.registry}/${repository} is ${declared} bytes, more than the ${MAX_MANIFEST_BYTES} Berth accepts`);
  }
  const bytes = await readBody(response.body, MAX_MANIFEST_BYTES, `the manifest of ${client.registry}/${repository}`, client.endpoint);
  const digest = sha256Digest(bytes);
  if (wanted) {
    const actual = wanted.algorithm === 'sha256' ? digest : `${wanted.algorithm}:${createHash(wanted.algorithm).update(bytes).digest('hex')}`;
    if (actual !== reference) {
      throw new BerthError('DIGEST_MISMATCH', `the manifest ${client.registry} sent for ${repository}@${reference} hashes to ${actual}: refused`);
    }
  }
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BerthError('INVALID_ARGUMENT', `the manifest of ${client.registry}/${repository} is not valid JSON`);
  }
  const kind = classify(contentType, document);
  if (kind === 'schema1') throw schema1Error(client.registry, repository, reference);
  if (!kind || !checkShape(kind.kind, document as Record<string, unknown>)) {
    throw new BerthError('INVALID_ARGUMENT', `${client.registry}/${repository} sent a manifest Berth cannot read (content type ${contentType || 'none'})`);
  }
  const base = { mediaType: kind.mediaType, digest, size: bytes.length, bytes };
  return kind.kind === 'index' ? { ...base, kind: 'index', document: document as OciIndex } : { ...base, kind: 'manifest', document: document as ImageManifest };
}

/**
 * HEAD a manifest: its digest, media type and size without downloading it (and without counting against Docker
 * Hub's pull limit). Falls back to GET when the registry answers HEAD with 405 or without Docker-Content-Digest.
 */
export async function headManifest(client: RegistryClient, repository: string, reference: string, options: { signal?: AbortSignal } = {}): Promise<ManifestHead> {
  const response = await client.request(repository, {
    method: 'HEAD',
    path: manifestPath(repository, reference),
    headers: { accept: MANIFEST_ACCEPT },
    signal: options.signal,
  });
  await discard(response.body);
  const digest = header(response, 'docker-content-digest');
  const contentType = bareType(header(response, 'content-type'));
  const size = Number(header(response, 'content-length'));
  if (response.status === 200 && SCHEMA1_TYPES.has(contentType)) throw schema1Error(client.registry, repository, reference);
  // Anything else not plainly a manifest (text/plain, application/json) is settled by GET and the body.
  const usable = response.status === 200 && digest !== undefined && /^sha256:[a-f0-9]{64}$/.test(digest)
    && (isIndexMediaType(contentType) || isManifestMediaType(contentType)) && Number.isSafeInteger(size);
  if (usable && (!isDigestReference(reference) || digest === reference)) return { mediaType: contentType, digest, size };
  if (response.status !== 200 && response.status !== 405) throw await failed(client, response, repository, reference);
  const full = await getManifest(client, repository, reference, options);
  return { mediaType: full.mediaType, digest: full.digest, size: full.size };
}
