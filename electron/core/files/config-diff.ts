// What two image configs set differently, in the words `docker inspect` uses: Env compared variable by variable
// (the last assignment of a name wins, as the runtime's environment does), Labels key by key, ExposedPorts and
// Volumes item by item, the rest as whole values (Cmd and Entrypoint as the JSON arrays docker shows).
import type { ConfigDifference, ConfigField } from '../../../shared/api/diff.js';
import type { ImageConfig, RunConfig } from '../oci/config.js';

export function diffConfigs(a: ImageConfig, b: ImageConfig): ConfigDifference[] {
  const out: ConfigDifference[] = [];
  const before = a.config ?? {};
  const after = b.config ?? {};
  whole(out, 'Platform', platformOf(a), platformOf(b));
  keyed(out, 'Env', envOf(before), envOf(after));
  whole(out, 'Entrypoint', arrayOf(before.Entrypoint), arrayOf(after.Entrypoint));
  whole(out, 'Cmd', arrayOf(before.Cmd), arrayOf(after.Cmd));
  whole(out, 'WorkingDir', textOf(before.WorkingDir), textOf(after.WorkingDir));
  whole(out, 'User', textOf(before.User), textOf(after.User));
  keyed(out, 'Labels', mapOf(before.Labels), mapOf(after.Labels));
  keyed(out, 'ExposedPorts', setOf(before.ExposedPorts), setOf(after.ExposedPorts));
  keyed(out, 'Volumes', setOf(before.Volumes), setOf(after.Volumes));
  whole(out, 'StopSignal', textOf(before.StopSignal), textOf(after.StopSignal));
  whole(out, 'Healthcheck', jsonOf(before.Healthcheck), jsonOf(after.Healthcheck));
  whole(out, 'OnBuild', arrayOf(before.OnBuild), arrayOf(after.OnBuild));
  return out;
}

/** How many diff IDs both lists start with. */
export function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

export function platformOf(config: Pick<ImageConfig, 'os' | 'architecture' | 'variant'>): string {
  return [config.os || 'unknown', config.architecture || 'unknown', config.variant].filter(Boolean).join('/');
}

function whole(out: ConfigDifference[], field: ConfigField, before: string | undefined, after: string | undefined): void {
  if (before !== after) out.push(withValues({ field }, before, after));
}

function keyed(out: ConfigDifference[], field: ConfigField, before: Map<string, string>, after: Map<string, string>): void {
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  for (const key of keys) {
    const was = before.get(key);
    const now = after.get(key);
    if (was !== now) out.push(withValues({ field, key }, was, now));
  }
}

function withValues(difference: ConfigDifference, before: string | undefined, after: string | undefined): ConfigDifference {
  if (before !== undefined) difference.before = before;
  if (after !== undefined) difference.after = after;
  return difference;
}

/** `NAME=value` by name; a bare `NAME` (docker keeps it so) has no value but is still set. */
function envOf(config: RunConfig): Map<string, string> {
  const env = new Map<string, string>();
  for (const item of Array.isArray(config.Env) ? config.Env : []) {
    if (typeof item !== 'string') continue;
    const eq = item.indexOf('=');
    env.set(eq === -1 ? item : item.slice(0, eq), eq === -1 ? '' : item.slice(eq + 1));
  }
  return env;
}

function mapOf(labels: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (labels && typeof labels === 'object') for (const [key, value] of Object.entries(labels)) map.set(key, String(value));
  return map;
}

/** docker's `{"80/tcp": {}}` sets: present or not. */
function setOf(items: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (items && typeof items === 'object') for (const key of Object.keys(items)) map.set(key, key);
  return map;
}

/** docker shows a null and an empty array alike in `inspect` as a missing value; so do we. */
function arrayOf(value: unknown): string | undefined {
  return Array.isArray(value) && value.length > 0 ? JSON.stringify(value) : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function jsonOf(value: unknown): string | undefined {
  return value && typeof value === 'object' ? JSON.stringify(value) : undefined;
}
