import { mkdtemp, mkdir, readFile, rm, stat, symlink, writeFile, chmod, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServeToken, serveTokenFile } from './serve-token.js';

const posix = process.platform !== 'win32';

describe('the saved berth serve token', () => {
  let work: string;
  let configDir: string;
  const storePath = '/some/store';

  beforeEach(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'berth-token-'));
    configDir = path.join(work, 'config', 'berth');
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('is created 0600 in a folder made 0700, and reused for the same store', async () => {
    const first = await loadServeToken({ storePath, configDir });
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = serveTokenFile(configDir, storePath);
    expect((await readFile(file, 'utf8')).trim()).toBe(first);
    if (posix) {
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    }
    expect(await loadServeToken({ storePath, configDir })).toBe(first);
    expect(await loadServeToken({ storePath: '/some/store/', configDir })).toBe(first);
  });

  it('differs per store', async () => {
    const a = await loadServeToken({ storePath: '/store/a', configDir });
    const b = await loadServeToken({ storePath: '/store/b', configDir });
    expect(a).not.toBe(b);
  });

  it('is replaced by rotate, and the new one is then reused', async () => {
    const first = await loadServeToken({ storePath, configDir });
    const second = await loadServeToken({ storePath, configDir, rotate: true });
    expect(second).not.toBe(first);
    expect(await loadServeToken({ storePath, configDir })).toBe(second);
    if (posix) expect((await stat(serveTokenFile(configDir, storePath))).mode & 0o777).toBe(0o600);
  });

  it.runIf(posix)('refuses a symbolic link, never reading through it; rotate replaces the link, not its target', async () => {
    await mkdir(configDir, { recursive: true, mode: 0o700 });
    const target = path.join(work, 'elsewhere');
    await writeFile(target, `${'a'.repeat(43)}\n`, { mode: 0o600 });
    const file = serveTokenFile(configDir, storePath);
    await symlink(target, file);
    await expect(loadServeToken({ storePath, configDir })).rejects.toThrow(/symbolic link/);
    const fresh = await loadServeToken({ storePath, configDir, rotate: true });
    expect(fresh).not.toBe('a'.repeat(43));
    expect((await lstat(file)).isSymbolicLink()).toBe(false);
    expect(await readFile(target, 'utf8')).toBe(`${'a'.repeat(43)}\n`);
  });

  it.runIf(posix)('refuses a file others may read, a directory, and one that is not a token', async () => {
    await mkdir(configDir, { recursive: true, mode: 0o700 });
    const file = serveTokenFile(configDir, storePath);
    await writeFile(file, `${'b'.repeat(43)}\n`, { mode: 0o644 });
    await chmod(file, 0o644);
    await expect(loadServeToken({ storePath, configDir })).rejects.toThrow(/others may read it/);
    await chmod(file, 0o600);
    await writeFile(file, 'not a token\n');
    await expect(loadServeToken({ storePath, configDir })).rejects.toThrow(/not a token file/);
    await rm(file);
    await mkdir(file);
    await expect(loadServeToken({ storePath, configDir })).rejects.toThrow(/not a regular file/);
  });

  it.runIf(posix && process.getuid?.() === 0)('refuses a file that belongs to another user', async () => {
    await mkdir(configDir, { recursive: true, mode: 0o700 });
    const { chown } = await import('node:fs/promises');
    const file = serveTokenFile(configDir, storePath);
    await writeFile(file, `${'c'.repeat(43)}\n`, { mode: 0o600 });
    await chown(file, 12345, 12345);
    await expect(loadServeToken({ storePath, configDir })).rejects.toThrow(/another user/);
  });
});
