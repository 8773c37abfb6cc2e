import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirFileSource } from '../dir-file-source.js';
import type { FileSource } from '../file-source.js';
import { readPackages } from './packages.js';
import { buildRpmRoot, rpmAvailable } from './test-support/rpmdb-fixture.js';

const FIXTURES = path.join(import.meta.dirname, 'test-fixtures');
const dir = mkdtempSync(path.join(tmpdir(), 'berth-packages-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readPackages', () => {
  it('reports every database in one image, packages sorted by name', async () => {
    const root = rpmAvailable() ? buildRpmRoot(path.join(dir, 'rpm')).root : path.join(dir, 'plain');
    cpSync(path.join(FIXTURES, 'alpine'), root, { recursive: true });
    cpSync(path.join(FIXTURES, 'distroless/var'), path.join(root, 'var'), { recursive: true });
    const report = await readPackages(new DirFileSource(root));
    expect(report.os).toEqual({ id: 'alpine', versionId: '3.4.0', prettyName: 'Alpine Linux v3.4', name: 'Alpine Linux' });
    expect(report.managers.map((m) => `${m.kind} ${m.path} ${m.count}`)).toEqual([
      'dpkg /var/lib/dpkg/status.d 3',
      'apk /lib/apk/db/installed 5',
      ...(rpmAvailable() ? ['rpm /var/lib/rpm/rpmdb.sqlite 3'] : []),
    ]);
    const names = report.packages.map((p) => p.name);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['base-files', 'busybox', 'libc6', 'musl', ...(rpmAvailable() ? ['berth-hello', 'libberth-data'] : [])]));
    expect(report.packages.length).toBe(report.managers.reduce((sum, m) => sum + m.count, 0));
  });

  it('answers no OS and no databases for an empty (scratch) image', async () => {
    const empty: FileSource = { readFile: async () => null, list: async () => null };
    expect(await readPackages(empty)).toEqual({ os: null, managers: [], packages: [] });
  });

  it('reads this machine: Debian’s own dpkg database and os-release', async () => {
    const report = await readPackages(new DirFileSource('/'));
    expect(report.os?.id).toBe('debian');
    expect(report.managers.find((m) => m.kind === 'dpkg')).toMatchObject({ path: '/var/lib/dpkg/status', readable: true });
    expect(report.packages.find((p) => p.name === 'dpkg')?.manager).toBe('dpkg');
  });

  it('is not fooled or hung by links that loop, a FIFO where a database should be, or a link out of the image', async () => {
    const root = path.join(dir, 'hostile');
    mkdirSync(path.join(root, 'etc'), { recursive: true });
    mkdirSync(path.join(root, 'var/lib/dpkg'), { recursive: true });
    mkdirSync(path.join(root, 'lib/apk/db'), { recursive: true });
    symlinkSync('os-release', path.join(root, 'etc/os-release')); // itself
    symlinkSync('/../../../../etc/os-release', path.join(root, 'usr-os-release'));
    mkdirSync(path.join(root, 'usr/lib'), { recursive: true });
    symlinkSync('/usr-os-release', path.join(root, 'usr/lib/os-release')); // resolves inside the image: nothing there
    symlinkSync('status.d', path.join(root, 'var/lib/dpkg/status'));
    symlinkSync('status', path.join(root, 'var/lib/dpkg/status.d'));
    execFileSync('mkfifo', [path.join(root, 'lib/apk/db/installed')]);
    symlinkSync('/var/lib/rpm', path.join(root, 'var/lib/rpm')); // a directory link to itself
    expect(await readPackages(new DirFileSource(root))).toEqual({ os: null, managers: [], packages: [] });
  });

  it('reports an oversized database as not readable instead of failing the image', async () => {
    const huge: FileSource = {
      readFile: async (p) => {
        if (p === '/lib/apk/db/installed') throw Object.assign(new Error('too large'), { code: 'TOO_LARGE' });
        return null;
      },
      list: async () => null,
    };
    expect((await readPackages(huge)).managers).toEqual([{ kind: 'apk', path: '/lib/apk/db/installed', readable: false, count: 0, problem: 'larger than the 128 MiB Berth reads' }]);
  });
});
