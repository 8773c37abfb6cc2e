// An image config's `config` / `container_config` as dockerd 20.10 prints it: decoded into container.Config and
// encoded again, so every field is present with its zero value except the `omitempty` ones, unknown keys (newer
// engines' Healthcheck.StartInterval, …) are dropped, and the keys come in the struct's order
// (shared/inspect/image-inspect-type.ts holds the same struct for templates).
import type { ContainerConfig } from '../../../shared/api.js';
import type { RunConfig } from '../oci/config.js';

type Health = NonNullable<ContainerConfig['Healthcheck']>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const bool = (v: unknown): boolean => v === true;
const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.map(String) : null);
/** strslice.StrSlice also decodes a single string as a one-element list. */
const strSlice = (v: unknown): string[] | null => (typeof v === 'string' ? [v] : strings(v));
const map = <T>(v: unknown, value: (x: unknown) => T): Record<string, T> | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)])) : null;
/** nat.PortSet and Volumes are sets: map[string]struct{}. */
const set = (v: unknown): Record<string, object> | null => map(v, () => ({}));
const int = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0);

/** container.HealthConfig: every field omitempty. */
function healthConfig(h: Record<string, unknown>): Health {
  const out: Health = {};
  const test = strings(h.Test);
  if (test?.length) out.Test = test;
  for (const key of ['Interval', 'Timeout', 'StartPeriod', 'Retries'] as const) if (int(h[key])) out[key] = int(h[key]);
  return out;
}

export function containerConfig(run: RunConfig | null | undefined): ContainerConfig {
  const c: Record<string, unknown> = run ?? {};
  const ports = set(c.ExposedPorts);
  const shell = strSlice(c.Shell);
  return {
    Hostname: str(c.Hostname),
    Domainname: str(c.Domainname),
    User: str(c.User),
    AttachStdin: bool(c.AttachStdin),
    AttachStdout: bool(c.AttachStdout),
    AttachStderr: bool(c.AttachStderr),
    ...(ports && Object.keys(ports).length ? { ExposedPorts: ports } : {}),
    Tty: bool(c.Tty),
    OpenStdin: bool(c.OpenStdin),
    StdinOnce: bool(c.StdinOnce),
    Env: strings(c.Env),
    Cmd: strSlice(c.Cmd),
    ...(c.Healthcheck && typeof c.Healthcheck === 'object' ? { Healthcheck: healthConfig(c.Healthcheck as Record<string, unknown>) } : {}),
    ...(bool(c.ArgsEscaped) ? { ArgsEscaped: true } : {}),
    Image: str(c.Image),
    Volumes: set(c.Volumes),
    WorkingDir: str(c.WorkingDir),
    Entrypoint: strSlice(c.Entrypoint),
    ...(bool(c.NetworkDisabled) ? { NetworkDisabled: true } : {}),
    ...(str(c.MacAddress) ? { MacAddress: str(c.MacAddress) } : {}),
    OnBuild: strings(c.OnBuild),
    Labels: map(c.Labels, String),
    ...(str(c.StopSignal) ? { StopSignal: str(c.StopSignal) } : {}),
    ...(typeof c.StopTimeout === 'number' ? { StopTimeout: int(c.StopTimeout) } : {}),
    ...(shell?.length ? { Shell: shell } : {}),
  };
}
