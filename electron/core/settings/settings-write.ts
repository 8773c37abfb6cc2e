// Writing settings.json for the app's Settings page. The file is the user's as much as Berth's (the CLI reads it,
// people edit it by hand), so a write changes only the keys it was given: unknown keys (a newer version's) and the
// order of the others are kept, the whole result is checked as a read would check it, and it lands atomically (a
// temporary file beside it, then rename) so a crash or a concurrent reader never sees half a file. A symlink in
// its place is not Berth's to replace or write through: the write is refused with a message saying so.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { type Settings, SETTINGS_KEYS, settingProblem, settingsFrom } from './settings.js';

/** One write at a time per file in this process: two quick saves must not interleave their read and rename. */
const queues = new Map<string, Promise<unknown>>();

async function readObject(file: string): Promise<{ value: Record<string, unknown>; mode: number | null }> {
  let stat;
  try {
    stat = await fs.lstat(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { value: {}, mode: null };
    throw new BerthError('INVALID_ARGUMENT', `cannot read settings ${file}: ${(err as Error).message}`);
  }
  if (stat.isSymbolicLink()) {
    throw new BerthError('INVALID_ARGUMENT', `settings ${file} is a symbolic link: Berth does not replace or write through it; edit the file it points to, or set BERTH_CONFIG to it`);
  }
  if (!stat.isFile()) throw new BerthError('INVALID_ARGUMENT', `settings ${file} is not a regular file`);
  const text = await fs.readFile(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // Never overwrite what the user may be halfway through editing.
    throw new BerthError('INVALID_ARGUMENT', `settings ${file} is not valid JSON (${(err as Error).message}); fix it by hand before saving from Berth`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new BerthError('INVALID_ARGUMENT', `settings ${file} must be a JSON object`);
  return { value: value as Record<string, unknown>, mode: stat.mode & 0o777 };
}

/** Checks every key of `patch`, naming the first that is wrong; returns the patch with its lists trimmed. */
export function checkSettingsPatch(patch: Record<string, unknown>): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(patch)) {
    if (!(SETTINGS_KEYS as string[]).includes(key)) throw new BerthError('INVALID_ARGUMENT', `unknown setting "${key}"`);
    const value = Array.isArray(raw) ? raw.map((v) => (typeof v === 'string' ? v.trim() : v)) : typeof raw === 'string' ? raw.trim() : raw;
    const problem = settingProblem(key as keyof Settings, value);
    if (problem) throw new BerthError('INVALID_ARGUMENT', problem);
    out[key] = key === 'registryMirrors' ? (value as string[]).map((m) => m.replace(/\/+$/, '')) : value;
  }
  return out as Partial<Settings>;
}

async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  // 'wx' (O_CREAT|O_EXCL) never opens an existing path, symlink or not: the temporary file is always our own.
  const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(temp, 'wx', mode);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}

/** Applies `patch` to settings.json and returns the settings as a read now gives them. */
export function updateSettingsFile(file: string, patch: Record<string, unknown>): Promise<Settings> {
  let checked: Partial<Settings>;
  try {
    checked = checkSettingsPatch(patch);
  } catch (err) {
    return Promise.reject(err as Error);
  }
  const run = async (): Promise<Settings> => {
    const { value, mode } = await readObject(file);
    const next: Record<string, unknown> = { ...value, ...checked };
    // The keys the patch did not touch are checked too: a save must not bless a file a read would refuse.
    const settings = settingsFrom(next, file);
    await writeAtomically(file, `${JSON.stringify(next, null, 2)}\n`, mode ?? 0o644);
    return settings;
  };
  const previous = queues.get(file) ?? Promise.resolve();
  const result = previous.catch(() => undefined).then(run);
  queues.set(file, result);
  void result.finally(() => {
    if (queues.get(file) === result) queues.delete(file);
  }).catch(() => undefined);
  return result;
}
