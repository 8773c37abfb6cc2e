// Daemonless commit through the service: a tarball added byte for byte (its digest is its diff_id, as docker
// import computes it), the base's layers reused, and every request checked before a task starts.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { taskResult } from '../../../shared/tasks.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { makeRootfsTar } from '../testing/tarball.mjs';

let dir: string;
let service: BerthService;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-commit-'));
  service = await createService({ storePath: path.join(dir, 'store'), env: {} });
  const base = path.join(dir, 'base.tar');
  await writeFile(base, await makeRootfsTar({ 'etc/hostname': 'base\n' }));
  await taskResult(service, await service.importRootfs({ path: base }, { reference: 'base:1', changes: ['CMD ["/bin/sh"]'] }));
});
afterEach(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('commitImage --from', () => {
  it('adds a tarball as one more layer, byte for byte, on top of the base layers', async () => {
    const tar = await makeRootfsTar({ 'srv/added': 'added\n' });
    await writeFile(path.join(dir, 'add.tar'), tar);
    const result = await taskResult(service, await service.commitImage({
      from: 'base:1', reference: 'child:1', adds: [{ path: path.join(dir, 'add.tar') }], changes: ['WORKDIR /srv'], message: 'two layers',
    }));
    expect(result).toMatchObject({ id: expect.stringMatching(/^sha256:/), reference: 'docker.io/library/child:1' });
    const [base, child] = [await service.inspectImage('base:1'), await service.inspectImage('child:1')];
    expect(child.RootFS.Layers).toEqual([...(base.RootFS.Layers ?? []), `sha256:${createHash('sha256').update(tar).digest('hex')}`]);
    expect(child.Config).toMatchObject({ Cmd: ['/bin/sh'], WorkingDir: '/srv' });
    expect(child.Comment).toBe('two layers');
    const history = await service.imageDetail('child:1');
    expect(JSON.stringify(history)).toContain('berth commit --add tarball:/');
  });

  it('adds a tarball the shell handed over (a drop, an upload) and releases it, whatever the outcome', async () => {
    const tar = await makeRootfsTar({ 'srv/dropped': 'dropped\n' });
    let released = 0;
    const handle = await service.commitImage({ from: 'base:1', reference: 'dropped:1' }, { stream: Readable.from([tar]), name: 'drop.tar', release: () => void (released += 1) });
    await taskResult(service, handle);
    expect((await service.inspectImage('dropped:1')).RootFS.Layers?.at(-1)).toBe(`sha256:${createHash('sha256').update(tar).digest('hex')}`);
    expect(released).toBe(1);
    await expect(service.commitImage({ from: 'nope:1' }, { stream: Readable.from([tar]), release: () => void (released += 1) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(released).toBe(2);
  });

  it('checks everything before a task starts', async () => {
    await writeFile(path.join(dir, 'add.tar'), await makeRootfsTar({ a: 'a' }));
    await expect(service.commitImage({ from: 'nope:1' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such image: nope:1' });
    await expect(service.commitImage({ from: 'base:1', changes: ['ADD . /'] })).rejects.toMatchObject({ message: 'add is not a valid change command' });
    await expect(service.commitImage({ from: 'base:1', adds: [{ path: 'relative' }] })).rejects.toMatchObject({ message: '--add needs an absolute path, got relative' });
    await expect(service.commitImage({ from: 'base:1', adds: [{ path: path.join(dir, 'missing') }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.commitImage({ from: 'base:1', adds: [{ path: path.join(dir, 'add.tar'), dest: '/opt' }] })).rejects.toThrow(/a tarball is added at \/ with its own paths/);
    await expect(service.commitImage({ from: 'base:1', reference: 'UPPER:1' })).rejects.toMatchObject({ code: 'INVALID_REFERENCE' });
    expect((await service.listTasks()).filter((task) => task.kind === 'commit')).toEqual([]);
  });

  it('refuses a tarball with an unsafe entry as import does, and leaves no image', async () => {
    await writeFile(path.join(dir, 'bad.tar'), await makeRootfsTar([{ path: '../escape', content: 'x' }]));
    const handle = await service.commitImage({ from: 'base:1', reference: 'bad:1', adds: [{ path: path.join(dir, 'bad.tar') }] });
    await expect(taskResult(service, handle)).rejects.toThrow(/\.\./);
    await expect(service.inspectImage('bad:1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
