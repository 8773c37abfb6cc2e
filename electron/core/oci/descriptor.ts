// The OCI content descriptor: what every reference between documents is made of.
import { ANNOTATIONS } from './annotations.js';
import type { Platform } from './platform.js';

export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  urls?: string[];
}

/** The shape Berth relies on (media type, digest string, non-negative safe size); the digest is checked apart. */
export function isDescriptor(value: unknown): value is Descriptor {
  if (!value || typeof value !== 'object') return false;
  const d = value as Record<string, unknown>;
  return typeof d.mediaType === 'string' && typeof d.digest === 'string' && Number.isSafeInteger(d.size) && (d.size as number) >= 0;
}

/** Layers a registry may legitimately keep elsewhere (Windows base layers): absent locally is not an error. */
export function isForeignLayer(descriptor: Descriptor): boolean {
  return /\.(foreign|nondistributable)\./.test(descriptor.mediaType) && Array.isArray(descriptor.urls) && descriptor.urls.length > 0;
}

/** A provenance or SBOM entry buildx adds to an index: not an image to run or list. */
export function isAttestationManifest(descriptor: { annotations?: Record<string, string> }): boolean {
  return descriptor.annotations?.[ANNOTATIONS.dockerReferenceType] === 'attestation-manifest';
}
