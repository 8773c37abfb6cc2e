// The image config `docker import` writes, serialised the way Go's encoding/json writes it.
//
// Compared field for field with `docker save` of imports made by dockerd 20.10 here:
//   {"architecture":"amd64","comment":"Imported from -","config":{"Hostname":"",…,"Labels":null},
//    "container_config":{…},"created":"2026-11-28T06:42:57.63266772Z","docker_version":"20.10.24+dfsg1",
//    "history":[{"created":"…","comment":"Imported from -"}],"os":"linux","rootfs":{"type":"layers","diff_ids":[…]}}
// - top-level keys sorted (moby marshals the image through a map), `config` always present with every
//   container.Config field docker writes (nulls included), maps with sorted keys, `<>&` escaped as \u003c….
// - `comment` defaults to "Imported from -" (the engine's "Imported from " + source; the CLI sends files as "-").
// - `container_config` (an empty container) and `docker_version` are left out: newer engines and the containerd image
//   store write neither, and Berth is not a docker version.
import { defaultImagePlatform, type Platform } from '../oci/platform.js';
import type { HistoryEntry, ImageConfig, RunConfig } from '../oci/config.js';
import { applyChanges } from './changes.js';

export const DEFAULT_IMPORT_COMMENT = 'Imported from -';

export interface ImportConfigOptions {
  /** sha256 of the uncompressed layer (docker's diff_id). */
  diffId: string;
  changes?: readonly string[];
  message?: string;
  platform?: Platform;
  /** RFC 3339; now by default. */
  created?: string;
}

export function buildImportConfig(options: ImportConfigOptions): ImageConfig {
  const platform = options.platform ?? defaultImagePlatform();
  const created = options.created ?? goTimeNow();
  const comment = options.message ? options.message : DEFAULT_IMPORT_COMMENT;
  const config: ImageConfig = {
    architecture: platform.architecture,
    comment,
    config: dockerRunConfig(applyChanges({}, options.changes ?? [])),
    created,
    history: [{ created, comment } satisfies HistoryEntry],
    os: platform.os,
    rootfs: { type: 'layers', diff_ids: [options.diffId] },
  };
  if (platform.variant) config.variant = platform.variant;
  return config;
}

/** docker's container.Config in its field order, with Go's omitempty rules; unknown extra fields are kept at the end. */
export function dockerRunConfig(config: RunConfig): RunConfig {
  const nonEmpty = (value: unknown) => value !== undefined && value !== null && value !== '' && value !== false && !(typeof value === 'object' && Object.keys(value as object).length === 0);
  const out: Record<string, unknown> = {};
  const always = (key: string, fallback: unknown) => {
    out[key] = config[key] ?? fallback;
  };
  const omitEmpty = (key: string) => {
    if (nonEmpty(config[key])) out[key] = config[key];
  };
  always('Hostname', '');
  always('Domainname', '');
  always('User', '');
  always('AttachStdin', false);
  always('AttachStdout', false);
  always('AttachStderr', false);
  omitEmpty('ExposedPorts');
  always('Tty', false);
  always('OpenStdin', false);
  always('StdinOnce', false);
  always('Env', null);
  always('Cmd', null);
  omitEmpty('Healthcheck');
  omitEmpty('ArgsEscaped');
  always('Image', '');
  always('Volumes', null);
  always('WorkingDir', '');
  always('Entrypoint', null);
  omitEmpty('NetworkDisabled');
  omitEmpty('MacAddress');
  always('OnBuild', null);
  always('Labels', null);
  omitEmpty('StopSignal');
  omitEmpty('StopTimeout');
  omitEmpty('Shell');
  for (const [key, value] of Object.entries(config)) if (!(key in out) && nonEmpty(value)) out[key] = value;
  if (out.Healthcheck) out.Healthcheck = orderHealthcheck(out.Healthcheck as NonNullable<RunConfig['Healthcheck']>);
  return out as RunConfig;
}

function orderHealthcheck(health: NonNullable<RunConfig['Healthcheck']>): NonNullable<RunConfig['Healthcheck']> {
  const out: NonNullable<RunConfig['Healthcheck']> = {};
  if (health.Test && health.Test.length > 0) out.Test = health.Test;
  for (const key of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) if (health[key]) out[key] = health[key];
  return out;
}

/** Maps whose keys Go sorts when marshalling (ExposedPorts, Volumes, Labels); structs keep their order. */
const SORTED_MAPS = new Set(['ExposedPorts', 'Volumes', 'Labels']);

/** JSON as Go's json.Marshal writes an image config: sorted top-level and map keys, HTML-safe escapes. */
export function toGoJson(config: ImageConfig): string {
  const top = Object.fromEntries(Object.entries(config).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  const text = JSON.stringify(top, (key, value: unknown) => {
    if (SORTED_MAPS.has(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    }
    return value;
  });
  // These characters only occur inside JSON strings, so a global replace is exact.
  return text.replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

let lastNanos = -1n;

/** Now in UTC as Go's RFC3339Nano prints it: nanoseconds with trailing zeros trimmed. */
export function goTimeNow(): string {
  // Date has milliseconds; hrtime supplies the sub-millisecond digits (kept increasing within a process).
  let nanos = BigInt(Date.now()) * 1_000_000n + (process.hrtime.bigint() % 1_000_000n);
  if (nanos <= lastNanos) nanos = lastNanos + 1n;
  lastNanos = nanos;
  return formatGoTime(nanos);
}

export function formatGoTime(epochNanos: bigint): string {
  const ms = Number(epochNanos / 1_000_000n);
  const base = new Date(ms).toISOString().slice(0, 19);
  const fraction = (epochNanos % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}Z`;
}
