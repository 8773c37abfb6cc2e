// Which login a registry gets, and every registry that has one. Mirrors docker/cli's configfile.GetAuthConfig
// and GetCredentialsStore (credHelpers[host] before credsStore; the file's `auths` otherwise), with Berth's own
// file consulted first: a `berth login` wins over whatever docker knows. Secrets stay in here: lists carry the
// user name and where the login came from, never the password.
import type { LoginSource, RegistryLogin } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import type { Credentials } from '../registry/token.js';
import type { StoredLogin } from './auth-entry.js';
import { decodeEntry } from './auth-entry.js';
import { findSavedLogin, readLogins } from './auth-file.js';
import { helperGet, helperList } from './credential-helper.js';
import { type DockerConfig, readDockerConfig } from './docker-config.js';
import { DOCKER_HUB_KEY, DOCKER_HUB_REGISTRY, findKey, hostOfKey, parseServer } from './server-address.js';

export interface CredentialSources {
  /** Berth's auth.json. */
  authFile: string;
  /** For DOCKER_CONFIG, HOME and the PATH helpers are found on. */
  env: NodeJS.ProcessEnv;
  helperTimeoutMs?: number;
}

export interface FoundLogin {
  registry: string;
  /** The key it was found under. */
  server: string;
  login: StoredLogin;
  source: LoginSource;
  helper: string | null;
  /** The file that holds it, or that names the helper. */
  location: string;
}

/** The helper docker would ask for `registry`: its credHelpers entry, else credsStore; and the key it is under. */
function helperFor(config: DockerConfig, registry: string): { helper: string; key: string | undefined } | null {
  const key = findKey(Object.keys(config.credHelpers), registry);
  if (key) return { helper: config.credHelpers[key]!, key };
  return config.credsStore ? { helper: config.credsStore, key: undefined } : null;
}

/** The server URLs a helper may hold `registry` under: docker's key first, then the https URL some tools write. */
function helperServers(registry: string, key: string | undefined): string[] {
  const canonical = registry === DOCKER_HUB_REGISTRY ? DOCKER_HUB_KEY : registry;
  return [...new Set([key ?? canonical, canonical, ...(registry === DOCKER_HUB_REGISTRY ? [] : [`https://${registry}`])])];
}

/** The login to use at `registry` (`docker.io`, `127.0.0.1:5000`), or null for anonymous. */
export async function findLogin(sources: CredentialSources, registry: string): Promise<FoundLogin | null> {
  const saved = await findSavedLogin(sources.authFile, registry);
  if (saved) {
    const { key, ...login } = saved;
    return { registry, server: key, login, source: 'berth', helper: null, location: sources.authFile };
  }
  const config = await readDockerConfig(sources.env);
  if (!config) return null;
  const store = helperFor(config, registry);
  if (store) {
    for (const server of helperServers(registry, store.key)) {
      let login: StoredLogin | null;
      try {
        login = await helperGet(store.helper, server, { env: sources.env, ...(sources.helperTimeoutMs ? { timeoutMs: sources.helperTimeoutMs } : {}) });
      } catch (error) {
        // As docker, a broken helper stops the pull (going anonymous would hide why a private image is refused);
        // the message says where the helper is named, so it can be installed or the entry removed.
        const where = store.key ? `credHelpers["${store.key}"]` : 'credsStore';
        const { code, message } = error as BerthError;
        throw new BerthError(code, `${message}; docker's config names it: ${where} in ${config.path}`, { cause: error });
      }
      if (login) return { registry, server, login, source: 'credential-helper', helper: store.helper, location: config.path };
    }
  }
  const key = findKey(Object.keys(config.auths), registry);
  const login = key ? decodeEntry(config.auths[key], `${config.path} (${key})`) : null;
  return login && key ? { registry, server: key, login, source: 'docker-config', helper: null, location: config.path } : null;
}

/** The ServiceOptions.credentials a shell gets by default: saved logins, docker's included (identity tokens too). */
export function savedCredentials(sources: CredentialSources) {
  return async (registry: string): Promise<Credentials | undefined> => (await findLogin(sources, registry))?.login ?? undefined;
}

/** How a key is shown: `docker.io` for Docker Hub, host[:port] otherwise; null for a key that names no registry. */
function registryOfKey(key: string): string | null {
  try {
    return parseServer(hostOfKey(key)).registry;
  } catch {
    return null;
  }
}

/**
 * Every registry with a login, once each, as the resolver would pick it (Berth's file first). A helper's logins
 * come from its `list` (user names only); one that fails to answer is listed with the failure, not dropped.
 */
export async function listLogins(sources: CredentialSources): Promise<RegistryLogin[]> {
  const found = new Map<string, RegistryLogin>();
  const add = (key: string, entry: Omit<RegistryLogin, 'registry' | 'server'>) => {
    const registry = registryOfKey(key);
    if (registry && !found.has(registry)) found.set(registry, { registry, server: key, ...entry });
  };
  for (const saved of await readLogins(sources.authFile)) {
    add(saved.key, { username: saved.username || null, source: 'berth', helper: null, location: sources.authFile, problem: null });
  }
  const config = await readDockerConfig(sources.env);
  if (!config) return sorted(found);
  const options = { env: sources.env, ...(sources.helperTimeoutMs ? { timeoutMs: sources.helperTimeoutMs } : {}) };
  // Per-registry helpers answer for their own registries only; `get` is the one request they all implement.
  for (const [key, helper] of Object.entries(config.credHelpers)) {
    const registry = registryOfKey(key);
    if (!registry || found.has(registry)) continue;
    try {
      const login = await helperGet(helper, key, options);
      if (login) add(key, { username: login.username || null, source: 'credential-helper', helper, location: config.path, problem: null });
    } catch (error) {
      add(key, { username: null, source: 'credential-helper', helper, location: config.path, problem: (error as Error).message });
    }
  }
  if (config.credsStore) {
    try {
      for (const [key, username] of Object.entries(await helperList(config.credsStore, options))) {
        add(key, { username: username === '<token>' ? null : username || null, source: 'credential-helper', helper: config.credsStore, location: config.path, problem: null });
      }
    } catch (error) {
      for (const key of Object.keys(config.auths)) {
        add(key, { username: null, source: 'credential-helper', helper: config.credsStore, location: config.path, problem: (error as Error).message });
      }
    }
  }
  for (const [key, entry] of Object.entries(config.auths)) {
    let login: StoredLogin | null;
    try {
      login = decodeEntry(entry, `${config.path} (${key})`);
    } catch (error) {
      add(key, { username: null, source: 'docker-config', helper: null, location: config.path, problem: (error as Error).message });
      continue;
    }
    if (login) add(key, { username: login.username || null, source: 'docker-config', helper: null, location: config.path, problem: null });
  }
  return sorted(found);
}

function sorted(found: Map<string, RegistryLogin>): RegistryLogin[] {
  return [...found.values()].sort((a, b) => a.registry.localeCompare(b.registry));
}
