// What Berth pushes, the real clients accept: `docker pull` (private dockerd, vfs) pulls it with the image ID Berth
// shows and `docker run --network none` runs it; `skopeo inspect` reads the pushed manifest with gzip layers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportResult, PushResult } from '../../../shared/api.js';
import { taskOutcome } from '../../../shared/tasks.js';
import { createService } from '../service.js';
import type { BerthService } from '../service-api.js';
import { canStartDockerd, startDockerd, type Dockerd } from '../testing/dockerd.js';
import { findPeer } from '../testing/peers.mjs';
import { runProcess } from '../testing/run-process.js';
import { startRegistry, type Registry } from '../testing/registry.js';
import { shellRootfsEntries } from '../testing/shell-rootfs.js';
import { makeRootfsTar } from '../testing/tarball.mjs';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null && findPeer('skopeo') !== null;
if (!available) console.warn('push.docker.test.ts skipped: dockerd/docker/skopeo missing or not running as root');

describe.skipIf(!available)('what berth pushes, docker and skopeo accept', () => {
  let dockerd: Dockerd;
  let registry: Registry;
  let dir: string;
  let service: BerthService;

  beforeAll(async () => {
    [dockerd, registry] = await Promise.all([startDockerd(), startRegistry()]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-push-docker-'));
    service = await createService({ storePath: path.join(dir, 'store'), settingsFile: path.join(dir, 'settings.json') });
  }, 120_000);
  afterAll(async () => {
    await service?.close();
    await dockerd?.stop();
    await registry?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('berth tag + push; docker pulls it with the same image ID and runs it; skopeo inspect sees gzip layers', async () => {
    const file = path.join(dir, 'shell.tar');
    await writeFile(file, await makeRootfsTar(shellRootfsEntries()));
    const imported = taskOutcome(await service.waitTask((await service.importRootfs({ path: file }, { reference: 'test:latest' })).taskId)) as ImportResult;
    const target = `${registry.host}/user/test:latest`;
    await service.tag('test:latest', target);
    const pushed = taskOutcome(await service.waitTask((await service.push(target)).taskId)) as PushResult;

    const pull = await dockerd.docker(['pull', target]);
    expect(pull.code, pull.stderr).toBe(0);
    expect(pull.stdout).toContain(`Digest: ${pushed.tags[0]!.digest}`);
    expect((await dockerd.docker(['inspect', '-f', '{{.Id}}', target])).stdout.trim()).toBe(imported.id);
    const run = await dockerd.docker(['run', '--rm', '--network', 'none', target, '/bin/sh', '-c', 'echo pushed-ok']);
    expect(run.stdout).toBe('pushed-ok\n');

    const inspect = await runProcess(findPeer('skopeo')!, ['inspect', '--tls-verify=false', '--raw', `docker://${target}`]);
    const manifest = JSON.parse(inspect.stdout) as { config: { digest: string }; layers: Array<{ mediaType: string }> };
    expect(manifest.config.digest).toBe(imported.id);
    expect(manifest.layers.map((l) => l.mediaType)).toEqual(['application/vnd.oci.image.layer.v1.tar+gzip']);
  }, 180_000);
});
