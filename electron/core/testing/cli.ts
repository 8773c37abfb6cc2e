// Runs the built `berth` command exactly as users do (`node dist/cli/berth.js`), building it first when
// dist is missing or older than the sources. Several test files may start at once: a lock folder makes
// one of them build while the others wait.
import { mkdir, rmdir, stat, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { runProcess, runOk, type ProcessResult } from './run-process.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const CLI_PATH = path.join(REPO_ROOT, 'dist', 'cli', 'berth.js');
const SOURCE_DIRS = ['electron/cli', 'electron/core', 'shared'];
const LOCK = path.join(REPO_ROOT, 'dist', '.cli-build.lock');

export interface CliOptions {
  store: string;
  input?: string | Buffer | NodeJS.ReadableStream;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export async function runCli(args: readonly string[], options: CliOptions): Promise<ProcessResult> {
  await ensureCliBuilt();
  return runProcess(process.execPath, [CLI_PATH, '--store', options.store, ...args], {
    // BERTH_STORE is cleared so only --store decides; NO_COLOR keeps output comparable.
    env: { BERTH_STORE: '', NO_COLOR: '1', ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
    timeoutMs: options.timeoutMs ?? 120_000,
  });
}

/** Like runCli, but fails the test with berth's stderr unless it exits 0; returns stdout. */
export async function runCliOk(args: readonly string[], options: CliOptions): Promise<string> {
  const result = await runCli(args, options);
  if (result.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${result.code ?? result.signal}:\n${result.stderr}`);
  return result.stdout;
}

let built: Promise<void> | null = null;

export function ensureCliBuilt(): Promise<void> {
  built ??= buildIfStale().catch((error: unknown) => {
    built = null;
    throw error;
  });
  return built;
}

async function buildIfStale(): Promise<void> {
  if (!(await isStale())) return;
  await withBuildLock(async () => {
    if (await isStale()) await runOk(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.mjs'), 'node'], { cwd: REPO_ROOT, timeoutMs: 120_000 });
  });
}

/** Runs `work` (a build into dist/) while no other test file builds: the lock every test that builds takes. */
export async function withBuildLock<T>(work: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(LOCK), { recursive: true });
  await acquireLock();
  try {
    return await work();
  } finally {
    await rmdir(LOCK).catch(() => undefined);
  }
}

async function acquireLock(): Promise<void> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      await mkdir(LOCK);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than any build is left over from a killed run.
      const age = Date.now() - (await stat(LOCK).then((s) => s.mtimeMs, () => Date.now()));
      if (age > 120_000) await rmdir(LOCK).catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`waited too long for another test's build (${LOCK})`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** True when dist/cli/berth.js is missing or older than a source it is built from. */
export async function isStale(): Promise<boolean> {
  const builtAt = await stat(CLI_PATH).then((s) => s.mtimeMs, () => null);
  if (builtAt === null) return true;
  for (const dir of SOURCE_DIRS) {
    if ((await newestSource(path.join(REPO_ROOT, dir))) > builtAt) return true;
  }
  return false;
}

/** The newest mtime of the non-test .ts files under `dir` (0 for none). */
export async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const mtime = (await stat(path.join(entry.parentPath, entry.name))).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}
