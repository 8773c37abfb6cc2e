// `berth login` and `berth logout` against the real registry (htpasswd), in-process with Berth's and docker's
// config folders in a temp dir (never the real home), plus one run of the built command with a piped password.
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli as runBuiltCli } from '../core/testing/cli.js';
import { REGISTRY_PASSWORD, REGISTRY_USER, startRegistry, type Registry } from '../core/testing/registry.js';
import { runCaptured } from './test-support/capture-io.js';

let registry: Registry;
let dir: string;
let env: NodeJS.ProcessEnv;
const authFile = () => path.join(dir, 'berth', 'auth.json');

function berth(args: string[], options: { stdin?: PassThrough; stdinIsTTY?: boolean } = {}) {
  return runCaptured(['--store', path.join(dir, 'store'), ...args], { env, ...options });
}

/** A terminal's stdin: records raw-mode switches; `input` arrives as typed. */
function terminal(input: string): PassThrough & { modes: boolean[] } {
  const stream = Object.assign(new PassThrough(), { modes: [] as boolean[] });
  Object.assign(stream, { setRawMode: (raw: boolean) => stream.modes.push(raw) });
  stream.write(input);
  return stream;
}

beforeAll(async () => {
  registry = await startRegistry({ auth: 'htpasswd' });
}, 30_000);
afterAll(async () => {
  await registry?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = await mkdtemp(path.join(tmpdir(), 'berth-cli-login-'));
  await mkdir(path.join(dir, 'docker'));
  env = { PATH: process.env.PATH, BERTH_CONFIG: path.join(dir, 'berth', 'settings.json'), DOCKER_CONFIG: path.join(dir, 'docker'), HOME: path.join(dir, 'home') };
});

describe('berth login', () => {
  it('--password-stdin: Login Succeeded, saved 0600 in auth.json beside settings.json', async () => {
    const stdin = new PassThrough();
    stdin.end(`${REGISTRY_PASSWORD}\n`);
    const out = await berth(['login', '-u', REGISTRY_USER, '--password-stdin', registry.host], { stdin });
    expect(out).toEqual({ code: 0, stdout: 'Login Succeeded\n', stderr: `WARNING! Your password is stored unencrypted in ${authFile()} (readable only by you).\n` });
    expect((await stat(authFile())).mode & 0o777).toBe(0o600);
    expect(await readFile(authFile(), 'utf8')).toContain(Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64'));
  });

  it('-p: warns, and a wrong password fails in docker\'s words without echoing it', async () => {
    const out = await berth(['login', '-u', REGISTRY_USER, '-p', 'wrong-pw-4411', registry.host]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n' +
        `Error: login attempt to http://${registry.host}/v2/ failed with status: 401 Unauthorized\n`,
    );
    await expect(stat(authFile())).rejects.toThrow(/ENOENT/);
  });

  it('asks on a terminal, the password without echo; later logins reuse the saved one', async () => {
    const stdin = terminal(`${REGISTRY_USER}\n${REGISTRY_PASSWORD}x\u007f\r`);
    const out = await berth(['login', registry.host], { stdin, stdinIsTTY: true });
    expect(out).toMatchObject({ code: 0, stdout: 'Username: Password: \nLogin Succeeded\n' });
    expect(stdin.modes).toEqual([true, false]);
    const again = await berth(['login', registry.host], { stdin: terminal(''), stdinIsTTY: true });
    expect(again).toEqual({ code: 0, stdout: `Authenticating with existing credentials... [Username: ${REGISTRY_USER}]\nLogin Succeeded\n`, stderr: '' });
  });

  it('refuses to ask without a terminal, and refuses empty answers', async () => {
    expect(await berth(['login', registry.host])).toEqual({ code: 1, stdout: '', stderr: 'Error: Cannot perform an interactive login from a non TTY device\n' });
    const empty = await berth(['login', registry.host], { stdin: terminal('\n'), stdinIsTTY: true });
    expect(empty).toMatchObject({ code: 1, stderr: 'Error: Non-null Username Required\n' });
    const noPassword = await berth(['login', '-u', 'me', registry.host], { stdin: terminal('\r'), stdinIsTTY: true });
    expect(noPassword).toMatchObject({ code: 1, stderr: 'Error: Non-null Password Required\n' });
  });

  it("checks its flags as docker does", async () => {
    expect((await berth(['login', '-p', 'x', '--password-stdin', '-u', 'u', registry.host])).stderr).toBe(
      'WARNING! Using --password via the CLI is insecure. Use --password-stdin.\nError: --password and --password-stdin are mutually exclusive\n',
    );
    expect((await berth(['login', '--password-stdin', registry.host])).stderr).toBe('Error: Must provide --username with --password-stdin\n');
    expect((await berth(['login', 'a', 'b'])).code).toBe(1);
  });
});

describe('berth logout', () => {
  it('removes the saved login, then is not logged in', async () => {
    const stdin = new PassThrough();
    stdin.end(REGISTRY_PASSWORD);
    expect((await berth(['login', '-u', REGISTRY_USER, '--password-stdin', registry.host], { stdin })).code).toBe(0);
    expect(await berth(['logout', registry.host])).toEqual({ code: 0, stdout: `Removing login credentials for ${registry.host}\n`, stderr: '' });
    expect(await berth(['logout', registry.host])).toEqual({ code: 0, stdout: `Not logged in to ${registry.host}\n`, stderr: '' });
    expect(await berth(['logout'])).toEqual({ code: 0, stdout: 'Not logged in to https://index.docker.io/v1/\n', stderr: '' });
  });

  it("names a login docker's config still gives, which it leaves alone", async () => {
    const config = path.join(dir, 'docker', 'config.json');
    const text = JSON.stringify({ auths: { [registry.host]: { auth: Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64') } } });
    await writeFile(config, text);
    const out = await berth(['logout', registry.host]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      `${registry.host} is still logged in as ${REGISTRY_USER} through docker's config, named in ${config}: ` +
        `Berth does not edit docker's files; run \`docker logout ${registry.host}\` to log out there too.\n`,
    );
    expect(await readFile(config, 'utf8')).toBe(text);
  });
});

describe('the built command', () => {
  it('logs in with a piped password and pulls what needs the login', async () => {
    const { pushTestImage } = await import('../core/testing/registry-seed.js');
    await pushTestImage(registry, 'team/cli', ['1'], [Buffer.from('layer for the cli test\n')]);
    const store = path.join(dir, 'store');
    const denied = await runBuiltCli(['pull', '-q', `${registry.host}/team/cli:1`], { store, env });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(`berth login ${registry.host}`);
    const login = await runBuiltCli(['login', '--username', REGISTRY_USER, '--password-stdin', registry.host], { store, env, input: `${REGISTRY_PASSWORD}\n` });
    expect(login).toMatchObject({ code: 0, stdout: 'Login Succeeded\n' });
    const pulled = await runBuiltCli(['pull', '-q', `${registry.host}/team/cli:1`], { store, env });
    expect(pulled).toMatchObject({ code: 0, stdout: `${registry.host}/team/cli:1\n` });
  });
});
