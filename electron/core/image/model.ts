// The image documents Berth reads from the store: OCI/Docker manifests and image configs.
import type { Descriptor, Platform } from '../store/types.js';

export interface ImageManifest {
  schemaVersion: 2;
  mediaType?: string;
  config: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

export interface ImageIndexDocument {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** The `config` section of an image config (docker's container.Config as JSON). */
export interface RunConfig {
  User?: string;
  ExposedPorts?: Record<string, object>;
  Env?: string[] | null;
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; StartInterval?: number; Retries?: number };
  Volumes?: Record<string, object> | null;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  StopSignal?: string;
  OnBuild?: string[] | null;
  ArgsEscaped?: boolean;
  [key: string]: unknown;
}

export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  created?: string;
  author?: string;
  comment?: string;
  docker_version?: string;
  config?: RunConfig;
  container_config?: RunConfig;
  rootfs: { type: string; diff_ids: string[] };
  history?: HistoryEntry[];
  [key: string]: unknown;
}

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
