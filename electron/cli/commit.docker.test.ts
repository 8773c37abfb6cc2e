// `berth commit` against a private dockerd (vfs, no network): a daemonless commit of a folder onto an imported
// shell image, saved by Berth and run by docker; a container committed through the Engine API and copied in; the
// Engine → Berth → Engine round trip keeping the image ID; and docker's own errors for bad input.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskResult } from '../../shared/tasks.js';
import { createService } from '../core/service.js';
import { canStartDockerd, startDockerd, type Dockerd } from '../core/testing/dockerd.js';
import { findPeer } from '../core/testing/peers.mjs';
import { shellRootfsEntries } from '../core/testing/shell-rootfs.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { runCaptured } from './test-support/capture-io.js';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('commit.docker.test.ts skipped: dockerd/docker missing or not running as root');

describe.skipIf(!available)('berth commit with a real dockerd', () => {
  let dockerd: Dockerd;
  let dir: string;
  let store: string;

  beforeAll(async () => {
    dockerd = await startDockerd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-commit-docker-'));
    store = path.join(dir, 'store');
    const rootfs = path.join(dir, 'rootfs.tar');
    await writeFile(rootfs, await makeRootfsTar(shellRootfsEntries(['/bin/cat', '/bin/ls'])));
    expect(await berth(['import', rootfs, 'base:1'])).toMatchObject({ code: 0 });
  }, 120_000);
  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function berth(args: string[]) {
    return runCaptured(['--store', store, ...args], { env: { ...dockerd.env } });
  }

  async function berthInspect(reference: string): Promise<{ Id: string; Author: string; Comment: string; RootFS: { Layers: string[] }; Config: { Cmd: string[]; Env: string[] } }> {
    const result = await berth(['inspect', reference]);
    expect(result.stderr).toBe('');
    return (JSON.parse(result.stdout) as Array<Awaited<ReturnType<typeof berthInspect>>>)[0]!;
  }

  /** `berth save` then `docker load`: the image docker runs is the one Berth wrote. */
  async function sendThroughTarball(reference: string): Promise<void> {
    const archive = path.join(dir, `${reference.replace(/\W/g, '_')}.tar`);
    expect(await berth(['save', '-o', archive, reference])).toMatchObject({ code: 0, stderr: '' });
    await dockerd.dockerOk(['load', '-i', archive]);
  }

  async function folder(name: string): Promise<string> {
    const root = path.join(dir, name);
    await mkdir(path.join(root, 'sub', 'deeper'), { recursive: true });
    await writeFile(path.join(root, 'file'), 'hello from a folder\n', { mode: 0o640 });
    const long = `${'n'.repeat(60)}/${'m'.repeat(60)}`;
    await mkdir(path.join(root, 'sub', 'n'.repeat(60)), { recursive: true });
    await writeFile(path.join(root, 'sub', long), 'long name\n');
    await symlink('../file', path.join(root, 'sub', 'link'));
    spawnSync('ln', [path.join(root, 'file'), path.join(root, 'sub', 'hard')]);
    const fixed = new Date('2024-05-06T07:08:09Z');
    spawnSync('touch', ['-h', '-d', fixed.toISOString(), ...['file', 'sub/link', 'sub', `sub/${long}`, 'sub/deeper', `sub/${'n'.repeat(60)}`, '.'].map((p) => path.join(root, p))]);
    return root;
  }

  it('commits a folder onto an image without a daemon; docker runs it with the new CMD and ENV', async () => {
    const root = await folder('tree');
    const committed = await berth([
      'commit', '-a', 'Jane <jane@example.com>', '-m', 'add the tree', '-c', 'CMD ["/bin/cat", "/added/file"]', '-c', 'ENV GREETING=hello',
      '--from', 'base:1', '--add', `${root}:/added`, 'folder:1',
    ]);
    expect(committed.stderr).toBe('');
    expect(committed.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const image = await berthInspect('folder:1');
    expect(image.Id).toBe(committed.stdout.trim());
    expect(image).toMatchObject({ Author: 'Jane <jane@example.com>', Comment: 'add the tree' });

    await sendThroughTarball('folder:1');
    expect(await dockerd.dockerOk(['run', '--rm', '--network', 'none', 'folder:1'])).toBe('hello from a folder\n');
    const inside = await dockerd.dockerOk(['run', '--rm', '--network', 'none', 'folder:1', '/bin/sh', '-c',
      'echo $GREETING; cat /added/sub/link /added/sub/n*/m*; ls -ln /added/file; [ /added/file -ef /added/sub/hard ] && echo linked']);
    expect(inside).toMatch(/^hello\nhello from a folder\nlong name\n-rw-r----- +2 0 +0 +20 May +6 +2024 \/added\/file\nlinked\n$/);
    const history = await dockerd.dockerOk(['history', '--no-trunc', '--format', '{{.CreatedBy}}|{{.Comment}}', 'folder:1']);
    expect(history.split('\n')[0]).toBe('berth commit --add folder:/added|add the tree');

    // The same folder again: the same layer, byte for byte.
    const again = await berth(['commit', '--from', 'base:1', '--add', `${root}:/added`, 'folder:2']);
    expect(again.code).toBe(0);
    expect((await berthInspect('folder:2')).RootFS.Layers).toEqual(image.RootFS.Layers);
  }, 180_000);

  it("refuses bad -c lines and a missing base image with docker's words", async () => {
    expect(await berth(['commit', '-c', 'RUN echo hi', '--from', 'base:1'])).toMatchObject({ code: 1, stderr: expect.stringContaining('run is not a valid change command') });
    expect(await berth(['commit', '--from', 'missing:1'])).toMatchObject({ code: 1, stderr: expect.stringContaining('No such image: missing:1') });
    expect(await berth(['commit', '-c', 'COPY a b', 'somecontainer'])).toMatchObject({ code: 1, stderr: expect.stringContaining('copy is not a valid change command') });
  });

  it('commits a container through the Engine API; docker runs the copy Berth saved', async () => {
    await sendThroughTarball('base:1');
    await dockerd.dockerOk(['run', '--network', 'none', '--name', 'writer', 'base:1', '/bin/sh', '-c', 'echo written by the container > /written']);
    const committed = await berth(['commit', '-a', 'Engine Author', '-c', 'CMD ["/bin/cat", "/written"]', '-m', 'from the engine', '-p=false', 'writer', 'fromengine:1']);
    expect(committed.stderr).toBe('');
    expect(committed.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const engineId = (await dockerd.dockerOk(['inspect', '-f', '{{.Id}}', 'fromengine:1'])).trim();
    expect(committed.stdout.trim()).toBe(engineId);
    // dockerd keeps the message in the history only; both inspects show it from there.
    expect(await berthInspect('fromengine:1')).toMatchObject({ Id: engineId, Author: 'Engine Author', Comment: 'from the engine' });
    const archive = path.join(dir, 'engine-saved.tar');
    await dockerd.dockerOk(['save', '-o', archive, 'fromengine:1']);
    const [{ Config: configName }] = JSON.parse(spawnSync('tar', ['-xOf', archive, 'manifest.json']).stdout.toString()) as [{ Config: string }];
    const config = JSON.parse(spawnSync('tar', ['-xOf', archive, configName]).stdout.toString()) as { comment?: string; author: string; history: object[] };
    expect(config.comment).toBeUndefined();
    expect(config.history.at(-1)).toEqual({
      created: expect.any(String), author: 'Engine Author', created_by: '/bin/sh -c echo written by the container > /written', comment: 'from the engine',
    });

    await dockerd.dockerOk(['rmi', 'fromengine:1']);
    await sendThroughTarball('fromengine:1');
    expect(await dockerd.dockerOk(['run', '--rm', '--network', 'none', 'fromengine:1'])).toBe('written by the container\n');

    expect(await berth(['commit', 'no-such-container'])).toMatchObject({ code: 1, stderr: expect.stringContaining('No such container: no-such-container') });
  }, 180_000);

  it('round-trips an image Engine → Berth → Engine with the same ID', async () => {
    const service = await createService({ storePath: path.join(dir, 'roundtrip'), env: { ...dockerd.env } });
    try {
      const info = await service.engineInfo();
      expect(info).toMatchObject({ reachable: true, kind: 'docker' });
      const images = await service.listEngineImages();
      const base = images.find((image) => image.tags.includes('base:1'))!;
      expect(base).toBeDefined();
      const copied = await taskResult(service, await service.copyFromEngine('base:1'));
      expect(copied.images).toEqual([{ id: base.id, tags: ['docker.io/library/base:1'] }]);

      await dockerd.dockerOk(['rm', 'writer']);
      await dockerd.dockerOk(['rmi', 'base:1']);
      const sent = await taskResult(service, await service.sendToEngine(['base:1']));
      expect(sent.images[0]?.id).toBe(base.id);
      expect((await dockerd.dockerOk(['inspect', '-f', '{{.Id}}', 'base:1'])).trim()).toBe(base.id);
      expect((await service.listEngineContainers()).map((c) => c.name)).not.toContain('writer');
    } finally {
      await service.close();
    }
  }, 180_000);
});
