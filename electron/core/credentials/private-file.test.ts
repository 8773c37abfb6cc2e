// Berth's credentials file on disk: 0600 from the first byte, replaced atomically, and refused — with a message
// saying why — when it is a symbolic link, a FIFO or other special file, or open to other users.
import { execFileSync } from 'node:child_process';
import { chmod, lstat, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caught } from '../registry/test-support/collect.js';
import { authFilePath, findSavedLogin, readLogins, removeLogin, saveLogin } from './auth-file.js';
import { readPrivateFile, writePrivateFile } from './private-file.js';

let dir: string;
let file: string;
const OPTIONS = { private: true, what: "Berth's credentials file" };

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-cred-'));
  file = path.join(dir, 'auth.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('private file', () => {
  it('is written 0600 whatever the umask, with no temp file left behind', async () => {
    const old = process.umask(0);
    try {
      await writePrivateFile(file, '{"auths":{}}\n', 'test');
    } finally {
      process.umask(old);
    }
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['auth.json']);
    expect(await readPrivateFile(file, OPTIONS)).toBe('{"auths":{}}\n');
  });

  it('creates its folder 0700 when missing', async () => {
    const nested = path.join(dir, 'config', 'berth', 'auth.json');
    await writePrivateFile(nested, '{}', 'test');
    expect((await stat(path.dirname(nested))).mode & 0o777).toBe(0o700);
  });

  it('replaces the file by rename: a reader always sees a whole document, old or new', async () => {
    await writePrivateFile(file, JSON.stringify({ n: 0, pad: 'x'.repeat(100_000) }), 'test');
    const firstInode = (await stat(file)).ino;
    // The temporary is created while the old file still exists, so it cannot have its inode (later files could:
    // inode numbers are reused once freed, which is why this is checked after one write).
    await writePrivateFile(file, JSON.stringify({ n: 0, pad: 'z'.repeat(100_000) }), 'test');
    expect((await stat(file)).ino).not.toBe(firstInode);
    let reads = 0;
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const text = await readPrivateFile(file, OPTIONS);
        expect(() => JSON.parse(text!)).not.toThrow();
        reads++;
      }
    })();
    for (let n = 1; n <= 40; n++) await writePrivateFile(file, JSON.stringify({ n, pad: 'y'.repeat(100_000 + n) }), 'test');
    writing = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(JSON.parse((await readPrivateFile(file, OPTIONS))!).n).toBe(40);
  });

  it('reads a missing file as null', async () => {
    expect(await readPrivateFile(file, OPTIONS)).toBeNull();
  });

  it('refuses a file other users may read, naming the mode and the fix', async () => {
    await writeFile(file, '{}');
    await chmod(file, 0o644);
    const error = await caught(readPrivateFile(file, OPTIONS));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe(`refusing to use Berth's credentials file ${file}: other users may access it (mode 0644); run \`chmod 600 ${file}\` if that is safe`);
  });

  it('refuses a symbolic link, to read and to replace, leaving its target alone', async () => {
    const target = path.join(dir, 'elsewhere.json');
    await writeFile(target, '{"mine":true}', { mode: 0o600 });
    await symlink(target, file);
    expect((await caught(readPrivateFile(file, OPTIONS))).message).toContain('it is a symbolic link');
    expect((await caught(writePrivateFile(file, '{}', "Berth's credentials file"))).message).toContain('it is a symbolic link');
    expect(await readFile(target, 'utf8')).toBe('{"mine":true}');
    expect((await lstat(file)).isSymbolicLink()).toBe(true);
  });

  it('refuses a FIFO at once instead of waiting for a writer', async () => {
    execFileSync('mkfifo', ['-m', '600', file]);
    const started = Date.now();
    expect((await caught(readPrivateFile(file, OPTIONS))).message).toContain('it is not a regular file');
    expect((await caught(writePrivateFile(file, '{}', 'x'))).message).toContain('it is not a regular file');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a folder in its place', async () => {
    await import('node:fs/promises').then((fs) => fs.mkdir(file));
    expect((await caught(readPrivateFile(file, OPTIONS))).message).toContain('it is not a regular file');
  });
});

describe('auth.json', () => {
  it('loses no login when several are saved and removed at once (the app and the CLI together)', async () => {
    const registries = Array.from({ length: 12 }, (_, i) => `reg${i}.test:5000`);
    await Promise.all(registries.map((r) => saveLogin(file, r, r, { username: `u-${r}`, password: 'p' })));
    expect((await readLogins(file)).map((l) => l.key).sort()).toEqual([...registries].sort());
    await Promise.all([...registries.slice(0, 6).map((r) => removeLogin(file, r)), saveLogin(file, 'late.test', 'late.test', { username: 'l', password: 'p' })]);
    expect((await readLogins(file)).map((l) => l.key).sort()).toEqual([...registries.slice(6), 'late.test'].sort());
  });

  it('lives beside settings.json', () => {
    expect(authFilePath('/home/u/.config/berth/settings.json')).toBe('/home/u/.config/berth/auth.json');
  });

  it("saves in docker's auths shape, one key per registry, and keeps what it does not know", async () => {
    await writePrivateFile(file, JSON.stringify({ auths: { 'https://127.0.0.1:5000': { auth: Buffer.from('old:pw').toString('base64') } }, future: 1 }), 'x');
    await saveLogin(file, '127.0.0.1:5000', '127.0.0.1:5000', { username: 'me', password: 'p:a:ss' });
    await saveLogin(file, 'https://index.docker.io/v1/', 'docker.io', { username: 'hub', password: 'h' });
    const doc = JSON.parse(await readFile(file, 'utf8')) as { auths: Record<string, { auth: string }>; future: number };
    expect(Object.keys(doc.auths).sort()).toEqual(['127.0.0.1:5000', 'https://index.docker.io/v1/']);
    expect(Buffer.from(doc.auths['127.0.0.1:5000']!.auth, 'base64').toString()).toBe('me:p:a:ss');
    expect(doc.future).toBe(1);
    expect(await findSavedLogin(file, '127.0.0.1:5000')).toEqual({ key: '127.0.0.1:5000', username: 'me', password: 'p:a:ss' });
    expect((await findSavedLogin(file, 'docker.io'))?.username).toBe('hub');
    expect(await findSavedLogin(file, '127.0.0.1:5001')).toBeNull();
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('removes every spelling of a registry, and says whether there was one', async () => {
    await writePrivateFile(file, JSON.stringify({ auths: { 'https://reg.test:5000/v2/': { username: 'a', password: 'b' }, 'other.test': { username: 'c', password: 'd' } } }), 'x');
    expect(await removeLogin(file, 'reg.test:5000')).toBe(true);
    expect(await removeLogin(file, 'reg.test:5000')).toBe(false);
    expect((await readLogins(file)).map((l) => l.key)).toEqual(['other.test']);
  });

  it('names the file, never the content, for an unreadable entry', async () => {
    await writePrivateFile(file, JSON.stringify({ auths: { 'reg.test': { auth: Buffer.from('no-colon-secret').toString('base64') } } }), 'x');
    const error = await caught(readLogins(file));
    expect(error.message).toContain(file);
    expect(error.message).not.toContain('no-colon-secret');
  });
});
