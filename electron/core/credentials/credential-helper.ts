// Runs a docker credential helper as docker does. Mirrors docker-credential-helpers' client package (client.Get
// and client.List over a ProgramFunc): `docker-credential-NAME get` with the server URL on stdin answers
// `{"ServerURL","Username","Secret"}` on stdout; a failure is a non-zero exit with the message on stdout, and
// "credentials not found" means no login rather than an error. A Username of `<token>` marks an identity token
// (docker/cli's credentials.nativeStore). The program is found on PATH and run without a shell, with a timeout
// (a helper that waits on a keyring prompt nobody sees must not hang a pull).
import { spawn } from 'node:child_process';
import { BerthError } from '../../../shared/errors.js';
import type { StoredLogin } from './auth-entry.js';

export const HELPER_TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 1 << 20;
const TOKEN_USERNAME = '<token>';

export interface HelperOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

interface HelperRun {
  code: number | null;
  stdout: string;
}

/** A helper name is a suffix (`desktop`, `ecr-login`): nothing that could name another program or a path. */
function programName(helper: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(helper)) throw new BerthError('INVALID_ARGUMENT', `invalid credential helper name "${helper}" in docker's config`);
  return `docker-credential-${helper}`;
}

function run(helper: string, action: 'get' | 'list', input: string, options: HelperOptions): Promise<HelperRun> {
  const program = programName(helper);
  const timeoutMs = options.timeoutMs ?? HELPER_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'ignore'], shell: false, windowsHide: true });
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(() => reject(new BerthError('NETWORK', `error getting credentials: ${program} ${action} did not answer within ${Math.round(timeoutMs / 1000)} s`)));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT) chunks.push(chunk);
    });
    child.on('error', (error: NodeJS.ErrnoException) => finish(() => reject(error.code === 'ENOENT'
      ? new BerthError('NOT_FOUND', `error getting credentials: ${program} is not installed (not found on PATH)`)
      : new BerthError('INTERNAL', `error getting credentials: cannot run ${program}: ${error.message}`))));
    child.on('close', (code) => finish(() => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') })));
    // A helper that exits without reading stdin makes the write fail with EPIPE: its exit status tells the story.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** The first line of a helper's complaint, short: it is shown to the user, and must never be a dumped secret. */
function complaint(stdout: string): string {
  const line = stdout.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** `docker-credential-HELPER get` for `serverUrl`: the login, or null when the helper has none for it. */
export async function helperGet(helper: string, serverUrl: string, options: HelperOptions = {}): Promise<StoredLogin | null> {
  const { code, stdout } = await run(helper, 'get', serverUrl, options);
  if (code !== 0) {
    if (/credentials not found/i.test(stdout)) return null;
    throw new BerthError('UNAUTHORIZED', `error getting credentials for ${serverUrl} from ${programName(helper)}: ${complaint(stdout) || `exit status ${code}`}`);
  }
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(stdout) as Record<string, unknown>;
  } catch {
    throw new BerthError('UNAUTHORIZED', `error getting credentials for ${serverUrl}: ${programName(helper)} did not answer JSON`);
  }
  const username = typeof answer.Username === 'string' ? answer.Username : '';
  const secret = typeof answer.Secret === 'string' ? answer.Secret : '';
  if (username === TOKEN_USERNAME) return secret ? { username: '', password: '', identityToken: secret } : null;
  if (username === '' && secret === '') return null;
  return { username, password: secret };
}

/** `docker-credential-HELPER list`: server URL → user name, for every login it holds (no secrets). */
export async function helperList(helper: string, options: HelperOptions = {}): Promise<Record<string, string>> {
  const { code, stdout } = await run(helper, 'list', '', options);
  if (code !== 0) throw new BerthError('UNAUTHORIZED', `error listing credentials from ${programName(helper)}: ${complaint(stdout) || `exit status ${code}`}`);
  try {
    const value = JSON.parse(stdout) as unknown;
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    throw new BerthError('UNAUTHORIZED', `error listing credentials: ${programName(helper)} did not answer JSON`);
  }
}
