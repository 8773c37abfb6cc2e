// Issue 2 items 5 and 8 against a real Docker daemon: the same tarball gives the same layer diff_id in
// `docker import` and `berth import`, and what Berth imported, skopeo exports, `docker load` accepts and runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCliOk } from '../testing/cli.js';
import { canStartDockerd, startDockerd, type Dockerd } from '../testing/dockerd.js';
import { requirePeer } from '../testing/peers.mjs';
import { runOk } from '../testing/run-process.js';
import { makeRootfsTar, type TarCompression } from '../testing/tarball.mjs';
import { shellRootfsEntries } from '../testing/shell-rootfs.js';

describe.skipIf(!canStartDockerd())('berth and docker agree', () => {
  let dockerd: Dockerd;
  let dir: string;
  let store: string;
  const shellTar = () => path.join(dir, 'shell.tar');

  const dockerOk = (args: string[]) => dockerd.dockerOk(args);

  beforeAll(async () => {
    dockerd = await startDockerd();
    dir = await mkdtemp(path.join(tmpdir(), 'berth-docker-'));
    store = path.join(dir, 'store');
    await writeFile(shellTar(), await makeRootfsTar(shellRootfsEntries()));
  });

  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each<TarCompression>(['none', 'gzip'])('import of the same %s tarball gives the diff_id docker import gives', async (compression) => {
    const file = path.join(dir, `diff-${compression}.tar`);
    await writeFile(file, await makeRootfsTar({ 'etc/motd': 'same bytes\n', 'usr/share/x': Buffer.alloc(5000, 7) }, { compression }));
    await dockerOk(['import', file, `diffcheck-${compression}:1`]);
    const dockerLayers = (await dockerOk(['image', 'inspect', '-f', '{{json .RootFS.Layers}}', `diffcheck-${compression}:1`])).trim();
    await runCliOk(['import', file, `diffcheck-${compression}:1`], { store });
    const berthLayers = (await runCliOk(['inspect', '-f', '{{json .RootFS.Layers}}', `diffcheck-${compression}:1`], { store })).trim();
    expect(berthLayers).toBe(dockerLayers);
    const view = '{{.Architecture}} {{.Os}} {{.RootFS.Type}}';
    expect((await runCliOk(['inspect', '-f', view, `diffcheck-${compression}:1`], { store })).trim())
      .toBe((await dockerOk(['image', 'inspect', '-f', view, `diffcheck-${compression}:1`])).trim());
  });

  it('docker loads what skopeo exports from the store, with the same image ID, and runs it', async () => {
    await runCliOk(['import', shellTar(), 'interop-shell:1'], { store });
    const archive = path.join(dir, 'shell-docker.tar');
    await runOk(requirePeer('skopeo'), ['copy', '-q', `oci:${store}:docker.io/library/interop-shell:1`, `docker-archive:${archive}:interop-shell:1`]);
    expect(await dockerOk(['load', '-i', archive])).toMatch(/Loaded image: interop-shell:1/);
    const dockerId = (await dockerOk(['image', 'inspect', '-f', '{{.Id}}', 'interop-shell:1'])).trim();
    expect((await runCliOk(['inspect', '-f', '{{.Id}}', 'interop-shell:1'], { store })).trim()).toBe(dockerId);
    expect(await dockerOk(['run', '--rm', '--network', 'none', 'interop-shell:1', '/bin/sh', '-c', 'echo ok'])).toBe('ok\n');
  });

  it('the -c changes berth import writes are the ones docker runs with', async () => {
    await runCliOk(
      ['import', '-c', 'ENV GREETING=hello-from-env', '-c', 'CMD ["/bin/sh", "-c", "echo $GREETING"]', shellTar(), 'interop-cmd:1'],
      { store },
    );
    const archive = path.join(dir, 'cmd-docker.tar');
    await runOk(requirePeer('skopeo'), ['copy', '-q', `oci:${store}:docker.io/library/interop-cmd:1`, `docker-archive:${archive}:interop-cmd:1`]);
    await dockerOk(['load', '-i', archive]);
    expect(await dockerOk(['run', '--rm', '--network', 'none', 'interop-cmd:1'])).toBe('hello-from-env\n');
  });
});
