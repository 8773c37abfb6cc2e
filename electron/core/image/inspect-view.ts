// The JSON `docker image inspect` prints, built from the store's records of one image ID and its config document:
// dockerd 20.10's types.ImageInspect, every key in its order (shared/inspect/image-inspect-type.ts).
import type { ImageInspect } from '../../../shared/api.js';
// rfc3339 only: the template engine itself loads lazily (electron/cli/list-format.ts).
import { rfc3339Nano } from '../../../shared/template/rfc3339.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { familiarString, parseReference } from '../ref/reference.js';
import { containerConfig } from './container-config.js';
import type { ImageRecord } from './model.js';
import type { ImageConfig } from '../oci/config.js';
import { repoDigestsOf } from './repo-digests.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** `records` are every index entry of one image ID (tags and dangling); `config` is that image's config. */
export function inspectView(records: readonly ImageRecord[], config: ImageConfig): ImageInspect {
  const first = records[0];
  if (!first) throw new Error('inspectView needs at least one record');
  // docker lists both in the order of the full references (docker.io/library/… before localhost:5000/…).
  const repoTags = familiarSorted(records.flatMap((r) => (r.reference && !parseReference(r.reference).digest ? [r.reference] : [])));
  const repoDigests = familiarSorted(records.flatMap(repoDigestsOf));
  const lastTagTime = records
    .map((r) => r.entry.annotations?.[ANNOTATIONS.lastTagTime])
    .filter((t): t is string => Boolean(t))
    .sort()
    .at(-1);
  const layers = config.rootfs?.diff_ids ?? [];
  return {
    Id: first.id,
    RepoTags: repoTags,
    RepoDigests: repoDigests,
    Parent: '',
    // As dockerd's inspect: a commit keeps its message in the last history entry only, and docker shows it from there.
    Comment: config.comment || (config.history?.at(-1)?.comment ?? ''),
    Created: config.created ? (goTime(config.created) ?? config.created) : ZERO_TIME,
    // The container a `docker commit` came from; an import has none.
    Container: typeof config.container === 'string' ? config.container : '',
    ContainerConfig: containerConfig(config.container_config),
    DockerVersion: config.docker_version ?? '',
    Author: config.author ?? '',
    Config: containerConfig(config.config),
    Architecture: config.architecture,
    ...(config.variant ? { Variant: config.variant } : {}),
    Os: config.os,
    ...(config['os.version'] ? { OsVersion: config['os.version'] } : {}),
    Size: first.size,
    VirtualSize: first.size,
    // A graph driver's name and paths: Berth keeps layers as blobs and unpacks nothing, so the zero value.
    GraphDriver: { Data: null, Name: '' },
    RootFS: { Type: config.rootfs?.type ?? 'layers', ...(layers.length ? { Layers: layers } : {}) },
    // A time.Time in docker: a value that is no RFC 3339 time cannot be one, so it reads as the zero time.
    Metadata: { LastTagTime: (lastTagTime && goTime(lastTagTime)) || ZERO_TIME },
  };
}

function familiarSorted(references: string[]): string[] {
  return [...new Set(references)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((r) => familiarString(parseReference(r)));
}

/** Times as docker prints them: Go's RFC3339Nano of the parsed time (`.5Z`, not `.500Z`); undefined if none. */
function goTime(text: string): string | undefined {
  try {
    return rfc3339Nano(text);
  } catch {
    return undefined;
  }
}
