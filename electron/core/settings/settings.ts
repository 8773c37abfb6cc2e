// settings.json: the one file of user settings the app, the CLI and `berth serve` share (brief §3). It lives in
// the per-user config folder ($XDG_CONFIG_HOME/berth, ~/Library/Application Support/Berth, %APPDATA%\Berth) or
// where $BERTH_CONFIG says. Read leniently — a missing file is all defaults — but never trusted blindly: a key
// with the wrong type is an error naming the key, unknown keys are kept for newer versions and otherwise ignored.
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { BerthSettings } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { insecureRegistryProblem, mirrorProblem, parallelDownloadsProblem, PARALLEL_DOWNLOADS } from '../../../shared/registry-settings.js';
import { parsePlatform } from '../oci/platform.js';

export type Settings = BerthSettings;

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

/** Null when the value is acceptable, else what it must be (and, for lists, which entry is wrong). */
type Check = (value: unknown) => string | null;
const is = (test: (v: unknown) => boolean, expected: string): Check => (v) => (test(v) ? null : expected);
function listOf(expected: string, problem: (entry: string) => string | null): Check {
  return (v) => {
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) return expected;
    for (const entry of v as string[]) {
      const wrong = problem(entry);
      if (wrong) return `${expected}: ${wrong}`;
    }
    return null;
  };
}
function platformCheck(v: unknown): string | null {
  if (typeof v !== 'string') return 'a string such as linux/amd64';
  if (v === '') return null;
  try {
    parsePlatform(v);
    return null;
  } catch (err) {
    return `os/arch[/variant] such as linux/amd64 (${(err as Error).message})`;
  }
}
const CHECKS: { [K in keyof Settings]: Check } = {
  registryMirrors: listOf('a list of URLs', mirrorProblem),
  insecureRegistries: listOf('a list of host[:port] or CIDR', insecureRegistryProblem),
  platform: platformCheck,
  parallelDownloads: (v) => (parallelDownloadsProblem(v) ? `a whole number from ${PARALLEL_DOWNLOADS.min} to ${PARALLEL_DOWNLOADS.max}` : null),
  hubUrl: is((v) => typeof v === 'string', 'a URL'),
  indexUrl: is((v) => typeof v === 'string', 'a URL'),
  maxLayerBytes: is((v) => v === null || (Number.isSafeInteger(v) && (v as number) > 0), 'a positive byte count or null'),
  parallelUploads: is((v) => Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= 32, 'a whole number from 1 to 32'),
};

export const SETTINGS_KEYS = Object.keys(CHECKS) as Array<keyof Settings>;

/** Why `value` cannot be `key`, naming the key (`"parallelDownloads" must be …`), or null. */
export function settingProblem(key: keyof Settings, value: unknown): string | null {
  const expected = CHECKS[key](value);
  return expected === null ? null : `"${key}" must be ${expected}`;
}

/** The known keys of a parsed settings object over the defaults; throws naming the first wrong key. */
export function settingsFrom(value: Record<string, unknown>, file: string): Settings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  for (const key of SETTINGS_KEYS) {
    if (!Object.hasOwn(value, key)) continue;
    const given = value[key];
    const problem = settingProblem(key, given);
    if (problem) throw new BerthError('INVALID_ARGUMENT', `settings ${file}: ${problem}`);
    (settings as unknown as Record<string, unknown>)[key] = given;
  }
  return settings;
}

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
  return settingsFrom(value as Record<string, unknown>, file);
}
