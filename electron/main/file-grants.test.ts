import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, realpath, rm, symlink, writeFile, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileGrants } from './file-grants.js';

let dir: string;
let tarball: string;

beforeAll(async () => {
  dir = await realpath(await mkdtemp(path.join(tmpdir(), 'berth-grants-')));
  tarball = path.join(dir, 'rootfs.tar');
  await writeFile(tarball, 'tar bytes');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('FileGrants', () => {
  it('resolves a granted file and refuses every path it never granted', async () => {
    const grants = new FileGrants();
    const granted = await grants.grant(tarball);
    expect(await grants.resolve({ path: granted })).toEqual({ source: { path: granted } });
    await expect(grants.resolve({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: /chose in its dialog or dropped/ });
    await expect(grants.resolve({ path: path.join(dir, '.', 'other.tar') })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(grants.resolve({ uploadId: 'abc' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: /not uploads/ });
  });

  it('grants the real path behind a link, not the link', async () => {
    const link = path.join(dir, 'link.tar');
    await symlink(tarball, link);
    const grants = new FileGrants();
    expect(await grants.grant(link)).toBe(tarball);
    await expect(grants.resolve({ path: link })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses directories, missing files and the empty path a File without a disk path gives', async () => {
    const grants = new FileGrants();
    await expect(grants.grant(dir)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: /not a regular file/ });
    await expect(grants.grant(path.join(dir, 'missing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(grants.grant('')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: /no path on disk/ });
  });

  it('forgets grants after their lifetime, and notices a file replaced by a link', async () => {
    const expiring = new FileGrants(-1);
    const granted = await expiring.grant(tarball);
    await expect(expiring.resolve({ path: granted })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    const swapped = path.join(dir, 'swap.tar');
    await writeFile(swapped, 'x');
    const grants = new FileGrants();
    await grants.grant(swapped);
    await unlink(swapped);
    await symlink('/etc/hostname', swapped);
    await expect(grants.resolve({ path: swapped })).rejects.toMatchObject({ code: 'NOT_FOUND', message: /moved or been replaced/ });
  });
});
