// Which login a registry gets: Berth's file, then docker's credHelpers[host], credsStore and auths — with real
// `docker-credential-*` programs (small scripts on a PATH made for the test) run as docker runs them.
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caught } from '../registry/test-support/collect.js';
import { saveLogin } from './auth-file.js';
import { helperGet, helperList } from './credential-helper.js';
import { dockerConfigPath, readDockerConfig } from './docker-config.js';
import { type CredentialSources, findLogin, listLogins, savedCredentials } from './resolver.js';
import { findKey, keyMatches, parseServer } from './server-address.js';

let dir: string;
let sources: CredentialSources;
const b64 = (text: string) => Buffer.from(text).toString('base64');

/**
 * A credential helper named `name`: answers `get` from `logins` (server → [user, secret]), "credentials not
 * found" otherwise, `list` with the user names; records each server it was asked for in `<name>.log`.
 */
async function helper(name: string, logins: Record<string, [string, string]>, extra = ''): Promise<void> {
  const cases = Object.entries(logins)
    .map(([server, [user, secret]]) => `    '${server}') printf '{"ServerURL":"%s","Username":"${user}","Secret":"${secret}"}' "$server" ;;`)
    .join('\n');
  const list = JSON.stringify(Object.fromEntries(Object.entries(logins).map(([server, [user]]) => [server, user])));
  const script = `#!/bin/sh
${extra}
case "$1" in
  get)
    server=$(cat)
    echo "$server" >> "${path.join(dir, `${name}.log`)}"
    case "$server" in
${cases}
    *) echo "credentials not found in native keychain"; exit 1 ;;
    esac ;;
  list) echo '${list}' ;;
  *) echo "unknown action"; exit 1 ;;
esac
`;
  const file = path.join(dir, 'bin', `docker-credential-${name}`);
  await writeFile(file, script);
  await chmod(file, 0o755);
}

async function dockerConfig(doc: unknown): Promise<void> {
  await writeFile(path.join(dir, 'docker', 'config.json'), JSON.stringify(doc));
}

const asked = (name: string) => readFile(path.join(dir, `${name}.log`), 'utf8').then((t) => t.trim().split('\n'), () => []);

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-resolver-'));
  await import('node:fs/promises').then(async (fs) => {
    await fs.mkdir(path.join(dir, 'bin'));
    await fs.mkdir(path.join(dir, 'docker'));
  });
  sources = {
    authFile: path.join(dir, 'berth', 'auth.json'),
    env: { PATH: `${path.join(dir, 'bin')}:/usr/bin:/bin`, DOCKER_CONFIG: path.join(dir, 'docker'), HOME: path.join(dir, 'home') },
  };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('server addresses', () => {
  it('files Docker Hub under docker\'s index key whatever its spelling, others under host[:port]', () => {
    for (const hub of [undefined, '', 'docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io']) {
      expect(parseServer(hub)).toEqual({ registry: 'docker.io', key: 'https://index.docker.io/v1/' });
    }
    expect(parseServer('https://Reg.Example:5000/v2/')).toEqual({ registry: 'reg.example:5000', key: 'reg.example:5000' });
    expect(parseServer('127.0.0.1:5000')).toEqual({ registry: '127.0.0.1:5000', key: '127.0.0.1:5000' });
    expect(() => parseServer('not a host')).toThrow(/invalid registry address "not a host"/);
    // A password typed into the address is refused without being repeated.
    for (const withSecret of ['https://user:hunter2@reg.example', 'user:hunter2@reg.example:5000/v2/']) {
      expect(() => parseServer(withSecret)).toThrow(/invalid registry address "(https:\/\/)?…@reg\.example/);
      expect(() => parseServer(withSecret)).not.toThrow(/hunter2/);
    }
  });

  it('matches keys as docker\'s ConvertToHostname does', () => {
    expect(keyMatches('https://127.0.0.1:5000', '127.0.0.1:5000')).toBe(true);
    expect(keyMatches('http://127.0.0.1:5000/v2/', '127.0.0.1:5000')).toBe(true);
    expect(keyMatches('127.0.0.1:5001', '127.0.0.1:5000')).toBe(false);
    expect(keyMatches('https://index.docker.io/v1/', 'docker.io')).toBe(true);
    expect(findKey(['https://reg.test', 'reg.test'], 'reg.test')).toBe('reg.test');
  });
});

describe("docker's config", () => {
  it('is $DOCKER_CONFIG/config.json, else ~/.docker/config.json', () => {
    expect(dockerConfigPath({ DOCKER_CONFIG: '/x/d' })).toBe('/x/d/config.json');
    expect(dockerConfigPath({ HOME: '/home/u' })).toBe('/home/u/.docker/config.json');
  });

  it('reads auths in every form docker wrote them, credsStore and credHelpers', async () => {
    await dockerConfig({
      auths: {
        'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pass') },
        'old.test': { username: 'olduser', password: 'oldpass' },
        'tok.test': { identitytoken: 'refresh-me' },
        'store.test': {},
      },
      credsStore: 'berthstore',
      credHelpers: { 'helped.test': 'berthhelper', bad: 5 },
    });
    const config = await readDockerConfig(sources.env);
    expect(config).toMatchObject({ credsStore: 'berthstore', credHelpers: { 'helped.test': 'berthhelper' } });
    delete (sources.env as Record<string, string>).PATH; // no helper: credsStore lookups fail loudly, so auths only below
    await dockerConfig({ auths: { 'https://index.docker.io/v1/': { auth: b64('hubuser:hub:pass') }, 'old.test': { username: 'olduser', password: 'oldpass' }, 'tok.test': { identitytoken: 'refresh-me' }, 'store.test': {} } });
    expect((await findLogin(sources, 'docker.io'))?.login).toEqual({ username: 'hubuser', password: 'hub:pass' });
    expect((await findLogin(sources, 'old.test'))?.login).toEqual({ username: 'olduser', password: 'oldpass' });
    expect((await findLogin(sources, 'tok.test'))?.login).toEqual({ username: '', password: '', identityToken: 'refresh-me' });
    expect(await savedCredentials(sources)('tok.test')).toEqual({ username: '', password: '', identityToken: 'refresh-me' });
    expect(await findLogin(sources, 'store.test')).toBeNull();
    expect(await findLogin(sources, 'nowhere.test')).toBeNull();
  });

  it('says which file is not JSON', async () => {
    await writeFile(path.join(dir, 'docker', 'config.json'), '{"auths": ');
    expect((await caught(readDockerConfig(sources.env))).message).toContain(`docker's config ${path.join(dir, 'docker', 'config.json')} is not valid JSON`);
  });

  it('never quotes a broken file in its error: the text around the fault is a secret', async () => {
    const broken = [
      `{"auths":{"r.test":{"auth":${b64('user:hunter2-secret')}}}}`,
      '{"auths":{"r.test":{"username":"user","password":hunter2-secret}}}',
      '\uFEFF{"auths":{"r.test":{"auth":"c2VjcmV0"}}}',
    ];
    for (const text of broken) {
      await writeFile(path.join(dir, 'docker', 'config.json'), text);
      await mkdir(path.dirname(sources.authFile), { recursive: true });
      await writeFile(sources.authFile, text, { mode: 0o600 });
      for (const message of [(await caught(readDockerConfig(sources.env))).message, (await caught(findLogin(sources, 'r.test'))).message]) {
        expect(message).toMatch(/is not valid JSON: a syntax error/);
        expect(message).not.toMatch(/hunter2|dXNlcjpod|c2VjcmV0|auths/);
      }
    }
  });
});

describe('credential helpers', () => {
  it('get: the server URL on stdin, {Username, Secret} back; "credentials not found" is no login', async () => {
    await helper('berthstore', { 'reg.test': ['alice', 's3cret'], 'https://index.docker.io/v1/': ['<token>', 'idtoken'] });
    expect(await helperGet('berthstore', 'reg.test', { env: sources.env })).toEqual({ username: 'alice', password: 's3cret' });
    expect(await helperGet('berthstore', 'https://index.docker.io/v1/', { env: sources.env })).toEqual({ username: '', password: '', identityToken: 'idtoken' });
    expect(await helperGet('berthstore', 'other.test', { env: sources.env })).toBeNull();
    expect(await asked('berthstore')).toEqual(['reg.test', 'https://index.docker.io/v1/', 'other.test']);
    expect(await helperList('berthstore', { env: sources.env })).toEqual({ 'reg.test': 'alice', 'https://index.docker.io/v1/': '<token>' });
  });

  it('reports a helper that is not installed, one that fails and one that hangs', async () => {
    const missing = await caught(helperGet('absent', 'reg.test', { env: sources.env }));
    expect(missing.message).toContain('docker-credential-absent is not installed');
    await helper('broken', {}, 'echo "the keyring is locked"; exit 3');
    expect((await caught(helperGet('broken', 'reg.test', { env: sources.env }))).message).toBe('error getting credentials for reg.test from docker-credential-broken: the keyring is locked');
    await helper('slow', {}, 'exec sleep 30');
    const started = Date.now();
    expect((await caught(helperGet('slow', 'reg.test', { env: sources.env, timeoutMs: 300 }))).message).toContain('did not answer within');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('runs no shell: a helper name is never a command line', async () => {
    expect((await caught(helperGet('x; touch pwned', 'reg.test', { env: sources.env }))).message).toContain('invalid credential helper name');
  });
});

describe('resolver order', () => {
  beforeEach(async () => {
    await helper('berthhelper', { 'reg.test': ['from-helper', 'h'] });
    await helper('berthstore', { 'reg.test': ['from-store', 's'], 'store.test': ['store-only', 's2'], 'https://web.test': ['url-keyed', 'u'] });
    await dockerConfig({
      auths: { 'reg.test': { auth: b64('from-auths:a') }, 'auths.test': { auth: b64('auths-only:a2') }, 'store.test': {} },
      credsStore: 'berthstore',
      credHelpers: { 'reg.test': 'berthhelper' },
    });
  });

  it("Berth's file first, then credHelpers[host], then credsStore, then auths", async () => {
    await saveLogin(sources.authFile, 'reg.test', 'reg.test', { username: 'from-berth', password: 'b' });
    expect(await findLogin(sources, 'reg.test')).toMatchObject({ source: 'berth', login: { username: 'from-berth' } });
    await rm(sources.authFile);
    expect(await findLogin(sources, 'reg.test')).toMatchObject({ source: 'credential-helper', helper: 'berthhelper', login: { username: 'from-helper' } });
    expect(await findLogin(sources, 'store.test')).toMatchObject({ source: 'credential-helper', helper: 'berthstore', login: { username: 'store-only', password: 's2' } });
    expect(await findLogin(sources, 'web.test')).toMatchObject({ source: 'credential-helper', server: 'https://web.test', login: { username: 'url-keyed' } });
    expect(await findLogin(sources, 'auths.test')).toMatchObject({ source: 'docker-config', login: { username: 'auths-only', password: 'a2' } });
    expect(await savedCredentials(sources)('auths.test')).toEqual({ username: 'auths-only', password: 'a2' });
    expect(await asked('berthhelper')).toEqual(['reg.test']);
  });

  it('stops at a helper docker names but that is not installed, saying where it is named', async () => {
    await dockerConfig({ credsStore: 'desktop' });
    const error = await caught(findLogin(sources, 'reg.test'));
    expect(error.message).toBe(`error getting credentials: docker-credential-desktop is not installed (not found on PATH); docker's config names it: credsStore in ${path.join(dir, 'docker', 'config.json')}`);
  });

  it('lists each registry once, as the resolver would pick it, without secrets', async () => {
    await saveLogin(sources.authFile, 'reg.test', 'reg.test', { username: 'from-berth', password: 'b' });
    const list = await listLogins(sources);
    expect(list.map((l) => [l.registry, l.username, l.source, l.helper])).toEqual([
      ['auths.test', 'auths-only', 'docker-config', null],
      ['reg.test', 'from-berth', 'berth', null],
      ['store.test', 'store-only', 'credential-helper', 'berthstore'],
      ['web.test', 'url-keyed', 'credential-helper', 'berthstore'],
    ]);
    const text = JSON.stringify(list);
    for (const secret of ['"b"', 's2', 'a2', '"h"']) expect(text).not.toContain(secret);
  });
});
