// settings.json: the one file of user settings the app, the CLI and `berth serve` share (brief §3). It lives in
// the per-user config folder ($XDG_CONFIG_HOME/berth, ~/Library/Application Support/Berth, %APPDATA%\Berth) or
// where $BERTH_CONFIG says. Read leniently — a missing file is all defaults — but never trusted blindly: a key
// with the wrong type is an error naming the key, unknown keys are kept for newer versions and otherwise ignored.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';

export interface Settings {
  registryMirrors: string[];
  insecureRegistries: string[];
  /** `os/arch[/variant]` to pick from an index; the host's when empty. */
  platform: string;
  parallelDownloads: number;
  hubUrl: string;
  indexUrl: string;
  /** The largest decompressed layer an import or load may write, in bytes; null for no limit beyond free space. */
  maxLayerBytes: number | null;
  /** Blobs a push sends at once (dockerd's max-concurrent-uploads, default 5). */
  parallelUploads: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  registryMirrors: [],
  insecureRegistries: [],
  platform: '',
  parallelDownloads: 3,
  hubUrl: 'https://hub.docker.com',
  indexUrl: 'https://index.docker.io',
  maxLayerBytes: null,
  parallelUploads: 5,
};

export function settingsPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = homedir()): string {
  if (env.BERTH_CONFIG) return path.resolve(env.BERTH_CONFIG);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Berth', 'settings.json');
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'Berth', 'settings.json');
  const configHome = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  return path.join(configHome, 'berth', 'settings.json');
}

type Check = (value: unknown) => boolean;
const isStringList: Check = (v) => Array.isArray(v) && v.every((s) => typeof s === 'string');
const CHECKS: { [K in keyof Settings]: [Check, string] } = {
  registryMirrors: [isStringList, 'a list of URLs'],
  insecureRegistries: [isStringList, 'a list of host[:port]'],
  platform: [(v) => typeof v === 'string', 'a string such as linux/amd64'],
  parallelDownloads: [(v) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 32, 'a whole number from 1 to 32'],
  hubUrl: [(v) => typeof v === 'string', 'a URL'],
  indexUrl: [(v) => typeof v === 'string', 'a URL'],
  maxLayerBytes: [(v) => v === null || (Number.isSafeInteger(v) && (v as number) > 0), 'a positive byte count or null'],
  parallelUploads: [(v) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 32, 'a whole number from 1 to 32'],
};

/** The settings in `file` over the defaults; absent file = defaults. */
export async function readSettings(file: string): Promise<Settings> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_SETTINGS };
    throw new BerthError('INVALID_ARGUMENT', `cannot read settings ${file}: ${(err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new BerthError('INVALID_ARGUMENT', `settings ${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BerthError('INVALID_ARGUMENT', `settings ${file} must be a JSON object`);
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(CHECKS) as Array<keyof Settings>) {
    if (!Object.hasOwn(value, key)) continue;
    const given = (value as Record<string, unknown>)[key];
    const [check, expected] = CHECKS[key];
    if (!check(given)) throw new BerthError('INVALID_ARGUMENT', `settings ${file}: "${key}" must be ${expected}`);
    (settings as unknown as Record<string, unknown>)[key] = given;
  }
  return settings;
}
