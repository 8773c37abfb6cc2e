// What listing needs to know about one manifest or index blob, extracted once from the documents and then kept
// (in memory and in the catalog cache) instead of re-reading blobs on every run.
//
// Facts are keyed by the digest of the document they come from, and a manifest's facts include its config's,
// which the manifest names by digest: content-addressed, so facts never go stale. They are only as trustworthy
// as the file they were read from, so `checkFacts` validates every field of a cached entry before it is used.
import { isDescriptor } from '../oci/descriptor.js';
import { isSha256Digest } from '../oci/digest.js';
import type { ImageConfig } from '../oci/config.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { Platform } from '../oci/platform.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { instantOf } from '../../../shared/format.js';

/** A platform manifest with its config: everything `images`, filters, `df` and `rmi` read. */
export interface ManifestFacts {
  kind: 'manifest';
  /** The manifest's own mediaType field (null when absent: the descriptor's then applies). */
  mediaType: string | null;
  /** The config digest: the image ID. */
  config: string;
  /** [digest, size] of each layer, in order. */
  layers: Array<[string, number]>;
  platform: Platform;
  /** The config's `created`, as written. */
  created: string | null;
  /** `created` as [milliseconds since the epoch, nanoseconds below them] (shared/format.ts instantOf), kept so
   *  that a listing orders 5,000 images without parsing 5,000 dates. */
  instant: [number, number];
  labels: Record<string, string> | null;
}

/** One entry of an image index, as the platform choice needs it. */
export interface IndexChild {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  /** Only the annotation the platform choice reads (buildx's attestation marker). */
  annotations?: Record<string, string>;
}

export interface IndexFacts {
  kind: 'index';
  manifests: IndexChild[];
}

export type DocumentFacts = ManifestFacts | IndexFacts;

/** The config digest a manifest names; throws when the manifest has no config or no layers list. */
export function configDigestOf(digest: string, manifest: ImageManifest): string {
  if (!manifest?.config?.digest || !Array.isArray(manifest.layers)) throw new Error(`manifest ${digest} has no config or layers`);
  return manifest.config.digest;
}

export function manifestFacts(digest: string, manifest: ImageManifest, config: ImageConfig): ManifestFacts {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const created = typeof config.created === 'string' ? config.created : null;
  const at = instantOf(created);
  const facts: ManifestFacts = {
    kind: 'manifest',
    mediaType: typeof manifest.mediaType === 'string' ? manifest.mediaType : null,
    config: manifest.config?.digest,
    layers: Array.isArray(manifest.layers) ? manifest.layers.map((l) => [l?.digest, l?.size]) : [],
    // Lenient where docker is: a config without os or architecture still lists (with empty names).
    platform: { os: text(config.os), architecture: text(config.architecture), ...(config.variant ? { variant: text(config.variant) } : {}) },
    created,
    instant: [at.ms, at.ns],
    labels: stringEntries(config.config?.Labels),
  };
  const problem = manifestProblem(facts);
  if (problem) throw new Error(`manifest ${digest}: ${problem}`);
  return facts;
}

export function indexFacts(digest: string, document: unknown): IndexFacts {
  const manifests = (document as { manifests?: unknown } | null)?.manifests;
  if (!Array.isArray(manifests)) throw new Error(`index ${digest} has no manifests list`);
  const children: IndexChild[] = [];
  for (const d of manifests) {
    if (!isDescriptor(d) || !isSha256Digest(d.digest)) continue; // not addressable in this store: never chosen
    const marker = d.annotations?.[ANNOTATIONS.dockerReferenceType];
    children.push({
      mediaType: d.mediaType,
      digest: d.digest,
      size: d.size,
      ...(isPlatform(d.platform) ? { platform: d.platform } : {}),
      ...(typeof marker === 'string' ? { annotations: { [ANNOTATIONS.dockerReferenceType]: marker } } : {}),
    });
  }
  return { kind: 'index', manifests: children };
}

/** The entry as it may be used, or null when any field is not what Berth wrote. */
export function checkFacts(value: unknown): DocumentFacts | null {
  if (!value || typeof value !== 'object') return null;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'manifest') return manifestProblem(value as ManifestFacts) === null ? (value as ManifestFacts) : null;
  if (kind === 'index') {
    const { manifests } = value as IndexFacts;
    return Array.isArray(manifests) && manifests.every(isIndexChild) ? (value as IndexFacts) : null;
  }
  return null;
}

function manifestProblem(f: ManifestFacts): string | null {
  if (f.mediaType !== null && typeof f.mediaType !== 'string') return 'mediaType is not a string';
  if (!isSha256Digest(f.config)) return 'config is not a sha256 descriptor';
  if (!Array.isArray(f.layers) || !f.layers.every(isLayer)) return 'layers are not [digest, size] pairs';
  if (!isPlatform(f.platform)) return 'the config names no os and architecture';
  if (f.created !== null && typeof f.created !== 'string') return 'created is not a string';
  if (!Array.isArray(f.instant) || f.instant.length !== 2 || !Number.isSafeInteger(f.instant[0]) || !isNanos(f.instant[1])) {
    return 'instant is not [milliseconds, nanoseconds]';
  }
  if (f.labels !== null && !isStringRecord(f.labels)) return 'labels are not strings';
  return null;
}

const isSize = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
const isNanos = (n: unknown): boolean => isSize(n) && (n as number) < 1_000_000;

function isLayer(l: unknown): boolean {
  return Array.isArray(l) && l.length === 2 && typeof l[0] === 'string' && l[0].length > 0 && isSize(l[1]);
}

function isIndexChild(c: unknown): boolean {
  if (!isDescriptor(c) || !isSha256Digest(c.digest)) return false;
  if (c.platform !== undefined && !isPlatform(c.platform)) return false;
  return c.annotations === undefined || isStringRecord(c.annotations);
}

function isPlatform(p: unknown): p is Platform {
  if (!p || typeof p !== 'object') return false;
  const { os, architecture, variant } = p as Record<string, unknown>;
  return typeof os === 'string' && typeof architecture === 'string' && (variant === undefined || typeof variant === 'string');
}

/** Labels as docker shows them: string values only (anything else in a hand-made config is dropped). */
function stringEntries(value: unknown): Record<string, string> | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

function isStringRecord(value: unknown): value is Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  for (const v of Object.values(value)) if (typeof v !== 'string') return false;
  return true;
}
