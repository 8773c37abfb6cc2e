// Save and load of a ~1 GiB image of 5 layers (issue 10 §5), each tool from an empty start on the same archive:
// Berth (`berth load` / `berth save`, and `--keep-compressed`), dockerd 20.10 with vfs (`docker load` / `docker
// save`), podman with vfs (`podman load` / `podman save`) and `skopeo copy` (docker-archive <-> oci). Goals: load at
// least 2x faster than docker load and no slower than skopeo; save no slower than docker save; --keep-compressed
// at least 3x faster than docker save; Berth's peak RSS under 200 MiB.
// The image is the registry bench's (bench/lib/registry-image.mjs: gzip layers, as pulled); the docker-style
// archive (uncompressed layers, as `docker save` writes them) is made from it once by `berth save`.
// BENCH_TARBALL_MIB shrinks the image for a quick check.
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ensureRegistryImage } from './registry-image.mjs';
import { has, startBenchDockerd } from './loopback.mjs';
import { measure } from './measure.mjs';
import { mib, secs, times } from './table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.BERTH_BENCH_CLI || path.join(root, 'dist', 'cli', 'berth.js');
const MEMORY_LIMIT = 200 * 1024 * 1024;

export async function benchTarballs({ out, work, log = () => undefined, mebibytes = Number(process.env.BENCH_TARBALL_MIB || 1024) }) {
  const rows = [];
  if (!has('skopeo')) {
    log('tarball bench skipped: skopeo missing');
    return rows;
  }
  const image = await ensureRegistryImage(path.join(out, `registry-image-${mebibytes}m`), mebibytes * 1024 * 1024);
  const dir = path.join(work, 'tarballs');
  await mkdir(dir, { recursive: true });
  const settings = path.join(dir, 'settings.json');
  await writeFile(settings, '{}\n');
  const berth = (store, args) => measure(cli, ['--store', store, ...args], { node: true, env: { NO_COLOR: '1', BERTH_CONFIG: settings } });
  const skopeo = (args) => measure('skopeo', ['--insecure-policy', ...args]);
  const podmanRoot = path.join(dir, 'podman');
  const podman = (args) => measure('podman', ['--storage-driver', 'vfs', '--root', path.join(podmanRoot, 'root'), '--runroot', path.join(podmanRoot, 'run'), ...args]);
  const peak = [];
  const berthRun = async (store, args) => {
    const result = await berth(store, args);
    if (result.maxRssBytes !== undefined) peak.push(result.maxRssBytes);
    return result;
  };

  // The gzip-layered image in a Berth store (as pulled), and the docker-style archive made from it once.
  const gzStore = path.join(dir, 'gz-store');
  log('tarballs: preparing the stores and the docker-style archive');
  await skopeo(['copy', '-q', `oci:${image.dir}:${image.ref}`, `oci:${gzStore}:docker.io/library/bench:1`]);
  const archive = path.join(out, `five-layers-${mebibytes}m.tar`);
  if (!(await stat(archive).catch(() => null))) {
    await berth(gzStore, ['save', '-o', `${archive}.partial`, 'bench:1']);
    spawnSync('mv', [`${archive}.partial`, archive]);
  }
  const archiveSize = (await stat(archive)).size;
  spawnSync('sh', ['-c', `cat "${archive}" > /dev/null`]);

  let dockerd = null;
  try {
    // --- load ---------------------------------------------------------------------------------------------------
    log('load: berth load');
    const loadStore = path.join(dir, 'load-store');
    const berthLoad = await berthRun(loadStore, ['load', '-q', '-i', archive]);
    log('load: skopeo copy docker-archive: -> oci:');
    const skopeoLoad = await skopeo(['copy', '-q', `docker-archive:${archive}`, `oci:${path.join(dir, 'skopeo-oci')}:bench:1`]);
    await rm(path.join(dir, 'skopeo-oci'), { recursive: true, force: true });
    const label = `${(archiveSize / 1024 ** 3).toFixed(2)} GiB archive, 5 layers`;
    rows.push({ figure: `load ${label}: vs skopeo docker-archive->oci`, berth: secs(berthLoad.seconds), reference: `skopeo ${secs(skopeoLoad.seconds)}`, ratio: times(skopeoLoad.seconds / berthLoad.seconds), requirement: '>= 1.0x (no slower)', pass: berthLoad.seconds <= skopeoLoad.seconds });
    dockerd = await startBenchDockerd();
    const docker = dockerd ? (args) => measure('docker', args, { env: dockerd.env }) : null;
    if (docker) {
      log('load: docker load');
      const dockerLoad = await docker(['load', '-q', '-i', archive]);
      rows.push({ figure: `load ${label}: vs docker load`, berth: secs(berthLoad.seconds), reference: `docker ${secs(dockerLoad.seconds)}`, ratio: times(dockerLoad.seconds / berthLoad.seconds), requirement: '>= 2x faster', pass: dockerLoad.seconds >= 2 * berthLoad.seconds });
    }
    if (has('podman')) {
      log('load: podman load');
      const podmanLoad = await podman(['load', '-q', '-i', archive]);
      rows.push({ figure: `load ${label}: vs podman load`, berth: secs(berthLoad.seconds), reference: `podman ${secs(podmanLoad.seconds)}`, ratio: times(podmanLoad.seconds / berthLoad.seconds) });
    }

    // --- save ---------------------------------------------------------------------------------------------------
    const saved = path.join(dir, 'saved.tar');
    const timeSave = async (run) => {
      await rm(saved, { force: true });
      const result = await run();
      await rm(saved, { force: true });
      return result;
    };
    log('save: berth save (layers stored uncompressed)');
    const berthSave = await timeSave(() => berthRun(loadStore, ['save', '-o', saved, 'bench:1']));
    log('save: berth save of the gzip-layered image (decompressed on the way)');
    const berthSaveGz = await timeSave(() => berthRun(gzStore, ['save', '-o', saved, 'bench:1']));
    log('save: berth save --keep-compressed');
    const berthKeep = await timeSave(() => berthRun(gzStore, ['save', '--keep-compressed', '-o', saved, 'bench:1']));
    log('save: skopeo copy oci: -> docker-archive:');
    const skopeoSave = await timeSave(() => skopeo(['copy', '-q', `oci:${gzStore}:docker.io/library/bench:1`, `docker-archive:${saved}:bench:1`]));
    rows.push({ figure: 'save: uncompressed layers, vs skopeo oci->docker-archive', berth: secs(berthSave.seconds), reference: `skopeo ${secs(skopeoSave.seconds)}`, ratio: times(skopeoSave.seconds / berthSave.seconds) });
    if (docker) {
      log('save: docker save');
      const dockerSave = await timeSave(() => docker(['save', '-o', saved, 'bench:1']));
      rows.push({ figure: 'save: vs docker save', berth: secs(berthSave.seconds), reference: `docker ${secs(dockerSave.seconds)}`, ratio: times(dockerSave.seconds / berthSave.seconds), requirement: '>= 1.0x (no slower)', pass: berthSave.seconds <= dockerSave.seconds });
      rows.push({ figure: 'save: gzip layers decompressed, vs docker save', berth: secs(berthSaveGz.seconds), reference: `docker ${secs(dockerSave.seconds)}`, ratio: times(dockerSave.seconds / berthSaveGz.seconds) });
      rows.push({ figure: 'save --keep-compressed: vs docker save', berth: secs(berthKeep.seconds), reference: `docker ${secs(dockerSave.seconds)}`, ratio: times(dockerSave.seconds / berthKeep.seconds), requirement: '>= 3x faster', pass: dockerSave.seconds >= 3 * berthKeep.seconds });
    }
    if (has('podman')) {
      log('save: podman save');
      const podmanSave = await timeSave(() => podman(['save', '-o', saved, 'bench:1']));
      rows.push({ figure: 'save: vs podman save', berth: secs(berthSave.seconds), reference: `podman ${secs(podmanSave.seconds)}`, ratio: times(podmanSave.seconds / berthSave.seconds) });
    }
    const maxRss = peak.length > 0 ? Math.max(...peak) : undefined;
    rows.push({ figure: 'load and save: Berth peak memory (max)', berth: maxRss ? mib(maxRss) : 'unknown', requirement: '< 200 MiB', pass: maxRss !== undefined && maxRss < MEMORY_LIMIT });
  } finally {
    await dockerd?.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}
