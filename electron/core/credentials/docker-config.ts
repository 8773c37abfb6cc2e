// docker's own config, read (never written) so that an earlier `docker login` already counts. Mirrors docker/cli's
// cli/config.Dir (`$DOCKER_CONFIG`, else `~/.docker`) and configfile.ConfigFile's `auths`, `credsStore` and
// `credHelpers` (a helper per registry, keyed as the logins are: `https://index.docker.io/v1/` for Docker Hub).
import { homedir } from 'node:os';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import type { AuthEntry } from './auth-entry.js';
import { readPrivateFile } from './private-file.js';
import { jsonProblem } from './json-problem.js';

export interface DockerConfig {
  path: string;
  auths: Record<string, AuthEntry>;
  /** The helper for every registry without its own in credHelpers (`desktop`, `osxkeychain`, `pass`…). */
  credsStore: string | null;
  credHelpers: Record<string, string>;
}

export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env, home = env.HOME || homedir()): string {
  return path.join(env.DOCKER_CONFIG ? path.resolve(env.DOCKER_CONFIG) : path.join(home, '.docker'), 'config.json');
}

const objectOf = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/**
 * docker's config, or null when there is none. Read as docker reads it: a symbolic link is followed and a 0644 file
 * (docker may write it so) is not refused — but only a regular file is read, never a FIFO waited on.
 */
export async function readDockerConfig(env: NodeJS.ProcessEnv = process.env): Promise<DockerConfig | null> {
  const file = dockerConfigPath(env);
  const text = await readPrivateFile(file, { private: false, followLinks: true, what: "docker's config" });
  if (text === null || text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BerthError('INVALID_ARGUMENT', `docker's config ${file} is not valid JSON: ${jsonProblem(error)}`);
  }
  const doc = objectOf(value);
  const helpers = Object.fromEntries(Object.entries(objectOf(doc.credHelpers)).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return {
    path: file,
    auths: objectOf(doc.auths) as Record<string, AuthEntry>,
    credsStore: typeof doc.credsStore === 'string' && doc.credsStore !== '' ? doc.credsStore : null,
    credHelpers: helpers,
  };
}
