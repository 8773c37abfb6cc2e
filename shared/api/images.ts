// The contract's image queries: what `berth images`, `inspect`, the detail pane, rmi, prune, df and fsck return.
// Plain data (structured clone and JSON); re-exported by shared/api.ts, which holds the API itself.
import type { SortOrder } from '../image-order.js';
import type { ErrorPayload } from '../errors.js';

/** One row of `berth images`: one per tag, or one per untagged (dangling) image. */
export interface ImageSummary {
  /** Image ID: the config digest, `sha256:<64 hex>`. */
  id: string;
  /** Familiar repository (`ubuntu`, `ghcr.io/x/y`) or `<none>`. */
  repository: string;
  /** Tag or `<none>`. */
  tag: string;
  /** Full normalised reference (`docker.io/library/ubuntu:14.04`), null when dangling. */
  reference: string | null;
  /** Digest of the manifest (or index) this tag points at, `sha256:…`. */
  manifestDigest: string;
  /** Registry digest (`name@sha256:…`) when pulled or pushed, else null. */
  repoDigest: string | null;
  /** RFC 3339 time from the image config. */
  created: string;
  /**
   * docker's SIZE: what the layers' files take unpacked, measured as each layer was written (a layer another tool
   * wrote, never measured, counts as stored).
   */
  size: number;
  /** Bytes of the layers as stored on disk (compressed where they are). */
  diskSize: number;
  /** Of `size`, the bytes of layers this image shares with at least one other image. */
  sharedSize: number;
  labels: Record<string, string>;
  dangling: boolean;
}

export interface ListImagesOptions {
  /** `docker images -a` shows intermediate images; Berth has none, so this changes nothing. Dangling images are
   * listed by default, as docker does; filter them with `dangling=false`. */
  all?: boolean;
  /** `--filter` values, docker style: `dangling=true`, `reference=ubu*`, `before=ID`, `since=ID`, `label=k[=v]`. */
  filters?: string[];
  /** Optional positional `REPOSITORY[:TAG]` argument. */
  reference?: string;
  /** The app's table order (shared/image-order.ts) instead of docker's newest first. */
  order?: SortOrder;
  /**
   * At most this many rows, the first in the order: the app asks for its first screenful ahead of the whole list,
   * so the first rows of 50,000 appear without waiting for all of them to be sent and parsed.
   */
  limit?: number;
}

/**
 * The JSON `docker image inspect` prints (dockerd 20.10's types.ImageInspect, keys in its order), as far as a
 * daemonless store can fill it. shared/inspect/image-inspect-type.ts describes the Go types `-f` templates see.
 */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  Container: string;
  ContainerConfig: ContainerConfig;
  DockerVersion: string;
  Author: string;
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  OsVersion?: string;
  Size: number;
  VirtualSize: number;
  /** Berth keeps no unpacked layers: the zero value, `{"Data":null,"Name":""}`. */
  GraphDriver: { Data: Record<string, string> | null; Name: string };
  RootFS: { Type: string; Layers?: string[]; BaseLayer?: string };
  Metadata: { LastTagTime: string };
}

export interface ContainerConfig {
  Hostname: string;
  Domainname: string;
  User: string;
  AttachStdin: boolean;
  AttachStdout: boolean;
  AttachStderr: boolean;
  ExposedPorts?: Record<string, object>;
  Tty: boolean;
  OpenStdin: boolean;
  StdinOnce: boolean;
  Env: string[] | null;
  Cmd: string[] | null;
  /** Durations in nanoseconds. */
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; StartPeriod?: number; Retries?: number };
  ArgsEscaped?: boolean;
  Image: string;
  Volumes: Record<string, object> | null;
  WorkingDir: string;
  Entrypoint: string[] | null;
  NetworkDisabled?: boolean;
  MacAddress?: string;
  OnBuild: string[] | null;
  Labels: Record<string, string> | null;
  StopSignal?: string;
  StopTimeout?: number;
  Shell?: string[];
}

/** One layer with what built it (the detail page's Layers tab, `docker history`). */
export interface LayerInfo {
  /** Compressed or stored blob digest; null for history entries that made no layer. */
  digest: string | null;
  diffId: string | null;
  mediaType: string | null;
  /** What the layer's files take unpacked (docker history's SIZE); as stored when never measured; 0 for no layer. */
  size: number;
  /** Bytes of the layer as stored on disk. */
  diskSize: number;
  created: string | null;
  createdBy: string;
  comment: string;
  emptyLayer: boolean;
}

/** Everything the detail page shows about one image. */
export interface ImageDetail {
  inspect: ImageInspect;
  layers: LayerInfo[];
  /** The image's layers as stored on disk (inspect.Size is their content unpacked). */
  diskSize: number;
  manifestDigest: string;
  manifestMediaType: string;
}

export interface RemoveOptions {
  force?: boolean;
}

/**
 * `Untagged:` and `Deleted:` lines, in the order docker prints them: an image's tags, its ID (`deleted`), then
 * the layers its removal deleted from the store (`deletedLayer`, top layer first), which docker also prints as
 * `Deleted:` lines.
 */
export interface RemoveReport {
  items: Array<{ untagged: string } | { deleted: string } | { deletedLayer: string }>;
  /** Per-argument failures (the CLI prints them and exits 1, or 0 with -f when the image does not exist). */
  errors: Array<{ image: string; error: ErrorPayload }>;
}

export interface PruneReport {
  deleted: string[];
  untagged: string[];
  spaceReclaimed: number;
}

export interface DiskUsage {
  images: number;
  /** Tagged plus dangling image IDs, each counted once. */
  uniqueImages: number;
  /** Sum of every image's size (content unpacked): shared layers counted once per image. */
  totalSize: number;
  /** Content of the distinct layers referenced from the index: shared layers counted once (docker system df's SIZE). */
  uniqueSize: number;
  /** The same distinct layers as stored on disk (compressed where they are). */
  uniqueDiskSize: number;
  /** Bytes a prune plus gc would free: dangling images' blobs and unreferenced blobs. */
  reclaimable: number;
  /** Bytes on disk under blobs/, referenced or not. */
  storeSize: number;
}

export interface FsckReport {
  ok: boolean;
  checkedBlobs: number;
  problems: Array<{ kind: 'missing' | 'corrupt' | 'orphan' | 'invalid' | 'stray'; subject: string; detail: string }>;
}
