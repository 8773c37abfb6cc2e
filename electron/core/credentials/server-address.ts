// Which key a registry's login is filed under. Mirrors docker/cli's registry handling in `docker login`
// (no server, or any spelling of Docker Hub, means the index server `https://index.docker.io/v1/`; any other
// server is its host[:port]) and cli/config/credentials' ConvertToHostname (a key such as `https://host/v2/`
// still counts for `host`: older docker versions and other tools wrote full URLs).
import { BerthError } from '../../../shared/errors.js';

/** Docker Hub's key in `auths` and in credential helpers, exactly as docker writes it. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
/** How references name Docker Hub (`docker.io/library/ubuntu`). */
export const DOCKER_HUB_REGISTRY = 'docker.io';
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

export interface ServerAddress {
  /** As references name it: `docker.io`, `127.0.0.1:5000`. */
  registry: string;
  /** The key its login is saved under: DOCKER_HUB_KEY, or host[:port]. */
  key: string;
}

/** docker's ConvertToHostname: the scheme and any path dropped (`https://host:5000/v2/` → `host:5000`), lower case. */
export function hostOfKey(key: string): string {
  return key.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0]!.toLowerCase();
}

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/** What `berth login [SERVER]` names; Docker Hub when no server is given. */
export function parseServer(input: string | undefined): ServerAddress {
  const text = (input ?? '').trim();
  if (text === '') return { registry: DOCKER_HUB_REGISTRY, key: DOCKER_HUB_KEY };
  const host = hostOfKey(text);
  if (HUB_HOSTS.has(host)) return { registry: DOCKER_HUB_REGISTRY, key: DOCKER_HUB_KEY };
  if (!HOST.test(host)) {
    // `https://user:password@host` is no address Berth takes, and the error must not repeat the password in it.
    const shown = text.replace(/^((?:[a-z][a-z0-9+.-]*:\/\/)?)[^/]*@/i, '$1…@');
    throw new BerthError('INVALID_ARGUMENT', `invalid registry address "${shown}": expected host[:port], such as registry.example.com or 127.0.0.1:5000`);
  }
  return { registry: host, key: host };
}

/** Whether a saved key (`https://index.docker.io/v1/`, `host:5000`, `https://host:5000`) is a login for `registry`. */
export function keyMatches(key: string, registry: string): boolean {
  const host = hostOfKey(key);
  return registry === DOCKER_HUB_REGISTRY ? HUB_HOSTS.has(host) : host === registry.toLowerCase();
}

/** The key among `keys` that holds `registry`'s login: the canonical one first, then any spelling that matches. */
export function findKey(keys: Iterable<string>, registry: string): string | undefined {
  const list = [...keys];
  const canonical = registry === DOCKER_HUB_REGISTRY ? DOCKER_HUB_KEY : registry.toLowerCase();
  return list.find((key) => key === canonical) ?? list.find((key) => keyMatches(key, registry));
}
