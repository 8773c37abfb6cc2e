// The `berth serve` token, kept per store and user so a restarted server on the same store lets an open tab (or a
// reload) back in. One file per store beside settings.json, named by a hash of the store's absolute path, written
// 0600 in a folder made 0700; read only when it is a regular file of ours that nobody else can read (never through
// a link). `berth serve --new-token` replaces it (temp file + rename: a link there is replaced, never followed).
import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../shared/errors.js';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const MAX_FILE_BYTES = 1024;

export interface ServeTokenOptions {
  storePath: string;
  /** The per-user config folder: the folder of settingsPath(). */
  configDir: string;
  /** Make a new token and save it in place of the old one (`--new-token`). */
  rotate?: boolean;
  platform?: NodeJS.Platform;
}

/** Where the token for `storePath` lives. */
export function serveTokenFile(configDir: string, storePath: string): string {
  const hash = createHash('sha256').update(path.resolve(storePath)).digest('hex').slice(0, 32);
  return path.join(configDir, `serve-token-${hash}`);
}

export function newServeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The saved token for this store, or a new one saved for next time. */
export async function loadServeToken(options: ServeTokenOptions): Promise<string> {
  const platform = options.platform ?? process.platform;
  const file = serveTokenFile(options.configDir, options.storePath);
  await fs.mkdir(options.configDir, { recursive: true, mode: 0o700 });
  if (!options.rotate) {
    const saved = await readSavedToken(file, platform);
    if (saved !== null) return saved;
  }
  const token = newServeToken();
  await writeToken(file, token);
  return token;
}

async function readSavedToken(file: string, platform: NodeJS.Platform): Promise<string | null> {
  const refuse = (why: string) =>
    new BerthError('INVALID_ARGUMENT', `refusing the saved berth serve token ${file}: ${why}; remove it or run berth serve --new-token`);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP' || code === 'EMLINK') throw refuse('it is a symbolic link');
    throw refuse((err as Error).message);
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw refuse('it is not a regular file');
    if (platform !== 'win32') {
      const uid = process.getuid?.();
      if (uid !== undefined && stat.uid !== uid) throw refuse('it belongs to another user');
      if ((stat.mode & 0o077) !== 0) throw refuse(`others may read it (mode ${(stat.mode & 0o777).toString(8)})`);
    }
    if (stat.size > MAX_FILE_BYTES) throw refuse('it is not a token file');
    const text = (await handle.readFile('utf8')).trim();
    if (!TOKEN_PATTERN.test(text)) throw refuse('it is not a token file');
    return text;
  } finally {
    await handle.close();
  }
}

async function writeToken(file: string, token: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o600);
  try {
    await handle.writeFile(`${token}\n`);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
}
