// The JSON `docker image inspect` prints, built from the store's records of one image ID and its config document.
import type { ContainerConfig, ImageInspect } from '../../../shared/api.js';
import { ANNOTATIONS } from '../oci/annotations.js';
import { familiarString, parseReference } from '../ref/reference.js';
import type { ImageRecord } from './model.js';
import type { ImageConfig, RunConfig } from '../oci/config.js';
import { repoDigestsOf } from './repo-digests.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** `records` are every index entry of one image ID (tags and dangling); `config` is that image's config. */
export function inspectView(records: ImageRecord[], config: ImageConfig): ImageInspect {
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
  return {
    Id: first.id,
    RepoTags: repoTags,
    RepoDigests: repoDigests,
    Parent: '',
    Comment: config.comment ?? '',
    Created: config.created ?? ZERO_TIME,
    DockerVersion: config.docker_version ?? '',
    Author: config.author ?? '',
    Config: containerConfig(config.config),
    Architecture: config.architecture,
    ...(config.variant ? { Variant: config.variant } : {}),
    Os: config.os,
    ...(config['os.version'] ? { OsVersion: config['os.version'] } : {}),
    Size: first.size,
    RootFS: { Type: config.rootfs?.type ?? 'layers', Layers: config.rootfs?.diff_ids ?? [] },
    Metadata: { LastTagTime: lastTagTime ?? ZERO_TIME },
  };
}

function familiarSorted(references: string[]): string[] {
  return [...new Set(references)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((r) => familiarString(parseReference(r)));
}

/** docker's container.Config with its zero values, so templates see the fields docker users expect. */
export function containerConfig(run: RunConfig | undefined): ContainerConfig {
  const c = run ?? {};
  return {
    Hostname: '',
    Domainname: '',
    User: c.User ?? '',
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    ...(c.ExposedPorts ? { ExposedPorts: c.ExposedPorts } : {}),
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: c.Env ?? null,
    Cmd: c.Cmd ?? null,
    ...(c.Healthcheck ? { Healthcheck: c.Healthcheck } : {}),
    Image: '',
    Volumes: c.Volumes ?? null,
    WorkingDir: c.WorkingDir ?? '',
    Entrypoint: c.Entrypoint ?? null,
    OnBuild: c.OnBuild ?? null,
    Labels: c.Labels ?? null,
    ...(c.StopSignal ? { StopSignal: c.StopSignal } : {}),
  };
}
