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
    expect(granted).toEqual({ fileId: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'rootfs.tar', size: 9 });
    expect(await grants.read(granted)).toEqual({ path: tarball });
    await expect(grants.read({ fileId: 'f'.repeat(32), name: 'passwd', size: null })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: /chose in its dialog or dropped/ });
    // The ID is the grant: a name or size that looks right changes nothing.
    await expect(grants.read({ ...granted, fileId: granted.fileId.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(grants.write({ targetId: granted.fileId, name: 'rootfs.tar' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: /Save dialog/ });
  });

  it('writes only to a path granted by the Save dialog, once, as its real folder', async () => {
    const grants = new FileGrants();
    const link = path.join(dir, 'folder-link');
    await symlink(dir, link);
    const target = await grants.grantTarget(path.join(link, 'saved.tar'));
    expect(target).toEqual({ targetId: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'saved.tar' });
    expect(await grants.write(target)).toEqual({ path: path.join(dir, 'saved.tar') });
    // Once: a page cannot reuse a grant to write again later.
    await expect(grants.write(target)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    // A read grant is not a write grant, nor the other way round.
    await expect(grants.write({ targetId: (await grants.grant(tarball)).fileId, name: 'x' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(grants.read({ fileId: (await grants.grantTarget(path.join(dir, 'other.tar'))).targetId, name: 'x', size: null })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses a target in a missing folder, a folder as the target, and a relative path', async () => {
    const grants = new FileGrants();
    await expect(grants.grantTarget(path.join(dir, 'missing', 'x.tar'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(grants.grantTarget(dir)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: /is a folder/ });
    await expect(grants.grantTarget('x.tar')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const expiring = new FileGrants(-1);
    await expect(expiring.write(await expiring.grantTarget(path.join(dir, 'late.tar')))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('grants the real path behind a link, not the link', async () => {
    const link = path.join(dir, 'link.tar');
    await symlink(tarball, link);
    const grants = new FileGrants();
    const ref = await grants.grant(link);
    expect(ref.name).toBe('rootfs.tar');
    expect(await grants.read(ref)).toEqual({ path: tarball });
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
    await expect(expiring.read(granted)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });

    const swapped = path.join(dir, 'swap.tar');
    await writeFile(swapped, 'x');
    const grants = new FileGrants();
    const ref = await grants.grant(swapped);
    await unlink(swapped);
    await symlink('/etc/hostname', swapped);
    await expect(grants.read(ref)).rejects.toMatchObject({ code: 'NOT_FOUND', message: /moved or been replaced/ });
  });
});
