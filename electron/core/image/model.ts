// An index.json entry resolved to the documents it stands for: what the image queries (list, inspect, rmi) read.
import type { Descriptor } from '../oci/descriptor.js';
import type { ImageConfig } from '../oci/config.js';
import type { ImageManifest } from '../oci/manifest.js';
import type { Platform } from '../oci/platform.js';

/** One entry of index.json, resolved down to the platform manifest and config it stands for. */
export interface ImageRecord {
  /** The index.json descriptor itself. */
  entry: Descriptor;
  /** Full normalised reference, or null for a dangling image. */
  reference: string | null;
  /** Digest the entry points at (a manifest or an index). */
  topDigest: string;
  /** Digest of the platform manifest in use. */
  manifestDigest: string;
  manifestSize: number;
  manifestMediaType: string;
  manifest: ImageManifest;
  /** Image ID: the config digest. */
  id: string;
  config: ImageConfig;
  platform: Platform;
  /** Bytes of the layers as stored. */
  size: number;
}
