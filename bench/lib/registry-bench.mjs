// Pull and push of a ~1 GiB image of 5 layers against one loopback docker-registry (issue 9 §8), each tool from
// an empty start: Berth (`berth pull` into an empty store, `berth push`), `skopeo copy` (docker:// <-> oci:) and
// dockerd 20.10 with vfs (`docker pull` / `docker push`). Every push goes into a fresh registry of its own, so
// no tool gains a cross-repository mount from another's upload. Goals: pull time <= skopeo's and >= 5x faster
// than docker pull; push no slower than skopeo; Berth's peak RSS under 200 MiB.
// BENCH_REGISTRY_MIB shrinks the image (a quick check: BENCH_REGISTRY_MIB=64 BENCH_ONLY=registry npm run bench).
// Run alone: `node bench/lib/registry-bench.mjs` (after `npm run build`).
import { spawnSync } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ensureRegistryImage } from './registry-image.mjs';
import { has, startBenchDockerd, startBenchRegistry } from './loopback.mjs';
import { measure } from './measure.mjs';
import { mib, printTable, secs, times } from './table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.BERTH_BENCH_CLI || path.join(root, 'dist', 'cli', 'berth.js');
const MEMORY_LIMIT = 200 * 1024 * 1024;
const PULL_RUNS = 2;

/** `berth push` lands with another slice of issue 9: measured once the command exists. */
function berthHasPush() {
  const result = spawnSync(process.execPath, [cli, 'push', '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return result.status === 0 && /Usage:\s+berth push/.test(result.stdout + result.stderr);
}

export async function benchRegistry({ out, work, log = () => undefined, mebibytes = Number(process.env.BENCH_REGISTRY_MIB || 1024) }) {
  const rows = [];
  if (!has('docker-registry') || !has('skopeo')) {
    log('registry bench skipped: docker-registry or skopeo missing');
    return rows;
  }
  const label = `${mebibytes >= 1024 ? `${(mebibytes / 1024).toFixed(mebibytes % 1024 ? 1 : 0)} GiB` : `${mebibytes} MiB`} image, 5 layers`;
  log(`preparing the ${label} (generated once in bench/out/)`);
  const image = await ensureRegistryImage(path.join(out, `registry-image-${mebibytes}m`), mebibytes * 1024 * 1024);
  spawnSync('sh', ['-c', `cat "${image.dir}"/blobs/sha256/* > /dev/null`]);
  const dir = path.join(work, 'registry');
  await mkdir(dir, { recursive: true });
  const settings = path.join(dir, 'settings.json');
  await writeFile(settings, '{}\n');
  const berth = (store, args) => measure(cli, ['--store', store, ...args], { node: true, env: { NO_COLOR: '1', BERTH_CONFIG: settings } });
  const skopeo = (args) => measure('skopeo', ['--insecure-policy', ...args]);
  const started = [];
  const registry = async () => {
    const r = await startBenchRegistry(dir);
    started.push(r);
    return r;
  };
  let dockerd = null;
  try {
    const source = await registry();
    const name = `${source.host}/bench/image:1`;
    const docker = (args) => measure('docker', args, { env: dockerd.env });

    // skopeo's push fills the pull source (an empty registry: nothing to skip or mount, like every push below).
    log('push: skopeo copy oci: -> docker://');
    const skopeoPush = await skopeo(['copy', '-q', '--dest-tls-verify=false', `oci:${image.dir}:${image.ref}`, `docker://${name}`]);

    // Berth and skopeo take turns, twice, each into an empty destination; the better run of each counts (the first
    // run of anything finds colder caches). dockerd starts only after them: its start-up would steal their CPU.
    const store = path.join(dir, 'berth-store');
    const layout = path.join(dir, 'skopeo-layout');
    let berthPull = null;
    let skopeoPull = null;
    const best = (a, b) => (a === null || b.seconds < a.seconds ? b : a);
    for (let run = 1; run <= PULL_RUNS; run++) {
      await rm(store, { recursive: true, force: true });
      await rm(layout, { recursive: true, force: true });
      log(`pull: berth pull, empty store (${run}/${PULL_RUNS})`);
      berthPull = best(berthPull, await berth(store, ['pull', '-q', name]));
      log(`pull: skopeo copy docker:// -> oci:, empty layout (${run}/${PULL_RUNS})`);
      skopeoPull = best(skopeoPull, await skopeo(['copy', '-q', '--src-tls-verify=false', `docker://${name}`, `oci:${layout}:bench`]));
    }
    dockerd = await startBenchDockerd();
    if (!dockerd) log('docker rows skipped: dockerd needs root here');
    let dockerPull = null;
    if (dockerd) {
      log('pull: docker pull (dockerd, vfs)');
      dockerPull = await docker(['pull', '-q', name]);
    }
    const pullRatio = berthPull.seconds / skopeoPull.seconds;
    rows.push({
      figure: `pull ${label}: wall time (best of ${PULL_RUNS})`, berth: secs(berthPull.seconds), reference: `skopeo copy docker://->oci: ${secs(skopeoPull.seconds)}`,
      ratio: times(pullRatio), requirement: '<= 1.00x skopeo', pass: pullRatio <= 1.0,
    });
    if (dockerPull) {
      const faster = dockerPull.seconds / berthPull.seconds;
      rows.push({
        figure: `pull ${label}: vs docker`, berth: secs(berthPull.seconds), reference: `docker pull ${secs(dockerPull.seconds)}`,
        ratio: `${times(faster)} faster`, requirement: '>= 5x faster', pass: faster >= 5,
      });
    }
    rows.push({
      figure: `pull ${label}: peak memory`, berth: berthPull.maxRssBytes ? mib(berthPull.maxRssBytes) : 'unknown',
      requirement: '< 200 MiB', pass: berthPull.maxRssBytes !== undefined && berthPull.maxRssBytes < MEMORY_LIMIT,
    });

    let berthPush = null;
    if (berthHasPush()) {
      const target = await registry();
      const pushed = `${target.host}/bench/image:1`;
      await berth(store, ['tag', name, pushed]);
      log('push: berth push');
      berthPush = await berth(store, ['push', '-q', pushed]);
    } else {
      log('skipped: berth push not available');
    }
    let dockerPush = null;
    if (dockerd) {
      const target = await registry();
      const pushed = `${target.host}/bench/image:1`;
      await docker(['tag', name, pushed]);
      log('push: docker push (dockerd, vfs)');
      dockerPush = await docker(['push', pushed]);
    }
    const pushRatio = berthPush ? berthPush.seconds / skopeoPush.seconds : null;
    rows.push({
      figure: `push ${label}: wall time`, berth: berthPush ? secs(berthPush.seconds) : 'skipped: berth push not available',
      reference: `skopeo copy oci:->docker:// ${secs(skopeoPush.seconds)}${dockerPush ? `; docker push ${secs(dockerPush.seconds)}` : ''}`,
      ...(pushRatio !== null ? { ratio: times(pushRatio), requirement: '<= 1.00x skopeo', pass: pushRatio <= 1.0 } : { requirement: '<= 1.00x skopeo' }),
    });
    if (berthPush) {
      rows.push({
        figure: `push ${label}: peak memory`, berth: berthPush.maxRssBytes ? mib(berthPush.maxRssBytes) : 'unknown',
        requirement: '< 200 MiB', pass: berthPush.maxRssBytes !== undefined && berthPush.maxRssBytes < MEMORY_LIMIT,
      });
    }
  } finally {
    await dockerd?.stop();
    for (const r of started) await r.stop();
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = path.join(root, 'bench', 'out');
  const work = path.join(out, 'work-registry');
  await mkdir(work, { recursive: true });
  try {
    const rows = await benchRegistry({ out, work, log: (m) => console.error(`bench: ${m}`) });
    printTable(rows);
    if (rows.some((row) => row.pass === false)) process.exitCode = 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
