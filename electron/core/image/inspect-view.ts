// The JSON `docker image inspect` prints, built from the store's records of one image ID.
import type { ContainerConfig, ImageInspect } from '../../../shared/api.js';
import { ANNOTATIONS } from '../store/types.js';
import { familiarString, parseReference } from '../ref/reference.js';
import type { ImageRecord, RunConfig } from './model.js';
import { repoDigestsOf } from './repo-digests.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

/** `records` are every index entry of one image ID (tags and dangling). */
export function inspectView(records: ImageRecord[]): ImageInspect {
  const first = records[0];
  if (!first) throw new Error('inspectView needs at least one record');
  const config = first.config;
  const repoTags = records.flatMap((r) => (r.reference && !parseReference(r.reference).digest ? [familiarString(parseReference(r.reference))] : []));
  const repoDigests = [...new Set(records.flatMap((r) => repoDigestsOf(r).map((d) => familiarString(parseReference(d)))))];
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
