// An index.json entry resolved to what the image queries (list, filters, rmi, df) read. The full manifest and
// config are not kept here: listing never needs them, and the catalog cache holds only these facts. Inspect and
// history read the documents from blobs (Catalog.documents).
import type { Instant } from '../../../shared/format.js';
import type { Descriptor } from '../oci/descriptor.js';
import type { Platform } from '../oci/platform.js';
import type { ImageReference } from '../ref/reference.js';

export interface LayerRef {
  digest: string;
  /** Bytes as stored (compressed when the layer is). */
  size: number;
  /** Bytes its files take unpacked (docker's layer size), when measured as it was written; else null. */
  unpacked: number | null;
}

/** One entry of index.json, resolved down to the platform manifest and config it stands for. */
export interface ImageRecord {
  /** The index.json descriptor itself. */
  entry: Descriptor;
  /** Full normalised reference, or null for a dangling image. */
  reference: string | null;
  /** The same reference, parsed once (shared: never mutate). */
  ref: ImageReference | null;
  /** Digest the entry points at (a manifest or an index). */
  topDigest: string;
  /** Digest of the platform manifest in use. */
  manifestDigest: string;
  manifestSize: number;
  manifestMediaType: string;
  /** Image ID: the config digest. */
  id: string;
  platform: Platform;
  /** What docker calls the image's size: its layers' content unpacked (stored bytes for layers never measured). */
  size: number;
  /** Bytes of the layers as stored on disk (compressed where they are). */
  diskSize: number;
  layers: readonly LayerRef[];
  /** The config's `created` as written, or null. */
  created: string | null;
  /** `created` as an instant (Go's zero time when absent or unparsable), for ordering and before/since. */
  createdAt: Instant;
  labels: Readonly<Record<string, string>> | null;
}
