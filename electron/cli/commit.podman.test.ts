// The Engine bridge against podman's Docker-compatible socket (`podman system service`, vfs, a private root), as a
// user with DOCKER_HOST pointing at it: a container podman made is committed through the socket and arrives in
// Berth's store with the image ID podman itself shows. podman writes a container with no changes as an empty layer
// (two zero blocks), which the load must take.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, findPeer } from '../core/testing/peers.mjs';
import { runProcess, startDaemon, waitUntil, type Daemon } from '../core/testing/run-process.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { runCaptured } from './test-support/capture-io.js';

const podmanPath = findPeer('podman');
const available = isRoot() && podmanPath !== null;
if (!available) console.warn('commit.podman.test.ts skipped: podman missing or not running as root');

describe.skipIf(!available)('berth commit through podman\'s Docker-compatible socket', () => {
  let dir: string;
  let service: Daemon;
  let socket: string;
  const podman = (args: string[]) => runProcess(podmanPath!, ['--storage-driver', 'vfs', '--root', path.join(dir, 'root'), '--runroot', path.join(dir, 'run'), ...args]);

  beforeAll(async () => {
    // A unix socket path must stay under 108 bytes: the folder lives directly in /tmp.
    dir = await mkdtemp('/tmp/berth-pm-');
    socket = path.join(dir, 'podman.sock');
    const rootfs = path.join(dir, 'rootfs.tar');
    await writeFile(rootfs, await makeRootfsTar({ 'etc/made-by': 'podman\n' }));
    expect((await podman(['import', rootfs, 'pm-base:1'])).code).toBe(0);
    expect((await podman(['create', '--name', 'pm-box', 'pm-base:1', '/etc/made-by'])).code).toBe(0);
    service = startDaemon(podmanPath!, ['--storage-driver', 'vfs', '--root', path.join(dir, 'root'), '--runroot', path.join(dir, 'run'),
      'system', 'service', '--time=0', `unix://${socket}`], path.join(dir, 'service.log'), { graceMs: 5_000, signalOnExit: 'SIGKILL' });
    await waitUntil('podman system service', async () => {
      if (service.exited) throw new Error('podman system service exited while starting');
      return existsSync(socket);
    }, 30_000);
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('commits a podman container into Berth with the image ID podman shows', async () => {
    const store = path.join(dir, 'store');
    const env = { DOCKER_HOST: `unix://${socket}`, BERTH_CONFIG: path.join(dir, 'settings.json') };
    const committed = await runCaptured(['--store', store, 'commit', '-m', 'from podman', '-c', 'CMD ["/etc/made-by"]', 'pm-box', 'from-podman:1'], { env });
    expect(committed.stderr).toBe('');
    expect(committed.code).toBe(0);
    const id = committed.stdout.trim();
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    const listed = await podman(['images', '--no-trunc', '--format', '{{.ID}}', 'docker.io/library/from-podman:1']);
    expect(`sha256:${listed.stdout.trim().replace(/^sha256:/, '')}`).toBe(id);
    const inspect = await runCaptured(['--store', store, 'inspect', '-f', '{{.Comment}}|{{json .Config.Cmd}}', 'from-podman:1'], { env });
    expect(inspect.stdout.trim()).toBe('from podman|["/etc/made-by"]');
  });
});
