// A pull's documents: what the reference points at (a manifest, or an index and the manifest chosen from it for
// the platform, as containerd chooses). A document the store already holds is read from the store, so a pull of
// an image that is already there costs one HEAD request and fetches nothing.
import { BerthError } from '../../../shared/errors.js';
import type { Descriptor } from '../oci/descriptor.js';
import { isAttestationManifest } from '../oci/descriptor.js';
import type { OciIndex } from '../oci/image-index.js';
import type { ImageManifest } from '../oci/manifest.js';
import { isIndexMediaType } from '../oci/media-types.js';
import { chooseManifest, formatPlatform, UNSPECIFIED_PLATFORM, type Platform } from '../oci/platform.js';
import type { RegistryClient } from '../registry/client.js';
import { getManifest, headManifest } from '../registry/manifest.js';
import type { ImageStore } from '../store/types.js';
import type { PullTarget } from './pull-target.js';

export interface PulledDocument<T> {
  descriptor: Descriptor;
  bytes: Buffer;
  document: T;
  /** The store held it before this pull. */
  stored: boolean;
}

export interface PullDocuments {
  /** What the reference points at: its digest is the repo digest. */
  top: Descriptor;
  index: PulledDocument<OciIndex> | null;
  manifest: PulledDocument<ImageManifest>;
}

type AnyDocument = { kind: 'index'; doc: PulledDocument<OciIndex> } | { kind: 'manifest'; doc: PulledDocument<ImageManifest> };

function fromStore(descriptor: Descriptor, bytes: Buffer): AnyDocument {
  const document = JSON.parse(bytes.toString('utf8')) as OciIndex & ImageManifest;
  const mediaType = document.mediaType ?? descriptor.mediaType;
  const described = { ...descriptor, mediaType };
  if (isIndexMediaType(mediaType) || Array.isArray(document.manifests)) {
    return { kind: 'index', doc: { descriptor: described, bytes, document, stored: true } };
  }
  return { kind: 'manifest', doc: { descriptor: described, bytes, document, stored: true } };
}

/** The document `reference` (a tag or digest) names: from the store when it has those exact bytes. */
async function resolve(client: RegistryClient, store: ImageStore, target: PullTarget, reference: string, signal: AbortSignal): Promise<AnyDocument> {
  const head = await headManifest(client, target.repository, reference, { signal });
  if (await store.hasBlob(head.digest)) {
    return fromStore({ mediaType: head.mediaType, digest: head.digest, size: head.size }, await store.readBlobBytes(head.digest));
  }
  const remote = await getManifest(client, target.repository, reference, { signal });
  const descriptor = { mediaType: remote.mediaType, digest: remote.digest, size: remote.size };
  return remote.kind === 'index'
    ? { kind: 'index', doc: { descriptor, bytes: remote.bytes, document: remote.document, stored: false } }
    : { kind: 'manifest', doc: { descriptor, bytes: remote.bytes, document: remote.document, stored: false } };
}

function noMatchingPlatform(target: PullTarget, index: OciIndex, want: Platform): BerthError {
  const available = index.manifests.filter((d) => !isAttestationManifest(d)).map((d) => formatPlatform(d.platform ?? UNSPECIFIED_PLATFORM));
  const listed = available.length > 0 ? [...new Set(available)].join(', ') : 'none';
  return new BerthError('NOT_FOUND', `no matching manifest for ${formatPlatform(want)} in the manifest list entries of ${target.familiar} (available: ${listed})`);
}

export async function pullDocuments(client: RegistryClient, store: ImageStore, target: PullTarget, platform: Platform, signal: AbortSignal): Promise<PullDocuments> {
  const top = await resolve(client, store, target, target.remoteReference, signal);
  if (top.kind === 'manifest') return { top: top.doc.descriptor, index: null, manifest: top.doc };
  const chosen = chooseManifest(top.doc.document.manifests, platform);
  if (!chosen) throw noMatchingPlatform(target, top.doc.document, platform);
  const inner = await resolve(client, store, target, chosen.digest, signal);
  if (inner.kind !== 'manifest') {
    throw new BerthError('INVALID_ARGUMENT', `${target.familiar}: the index names another index (${chosen.digest}) for ${formatPlatform(platform)}; Berth pulls one level of index`);
  }
  return { top: top.doc.descriptor, index: top.doc, manifest: { ...inner.doc, descriptor: { ...inner.doc.descriptor, ...(chosen.platform ? { platform: chosen.platform } : {}) } } };
}
