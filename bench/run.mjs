// `npm run bench` (after the build): measures the figures issues 2, 6 and 9 ask for (import, `berth images` on
// big stores, pull and push through a loopback registry), each beside a reference tool run on the same machine and
// data, and exits 1 when a requirement is missed. BENCH_ONLY=import,images,registry,tarballs,files,ui runs only those sections.
import { existsSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ensureBigTarball } from './lib/tarball.mjs';
import { measure, median } from './lib/measure.mjs';
import { benchImages } from './lib/images-bench.mjs';
import { benchRegistry } from './lib/registry-bench.mjs';
import { benchTarballs } from './lib/tarball-bench.mjs';
import { benchFiles } from './lib/files-bench.mjs';
import { printTable, mib, rate, secs, times } from './lib/table.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, 'bench', 'out');
const work = path.join(out, 'work');
const cli = path.join(root, 'dist', 'cli', 'berth.js');
const GiB = 1024 ** 3;
const RUNS = 5;
const IMPORT_RUNS = 3;
const rows = [];
const log = (message) => console.error(`bench: ${message}`);
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const want = (section) => !only || only.has(section);
const berth = (store, args, options = {}) => measure(cli, ['--store', store, ...args], { node: true, env: { NO_COLOR: '1' }, ...options });

if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run bench\` (it builds first)`);
await rm(work, { recursive: true, force: true });
await mkdir(work, { recursive: true });

try {
  if (want('import')) await benchImport();
  // --- berth images on 5,000 tags, 5,000 distinct images and 50,000 tags ----------------------------------------
  if (want('images')) rows.push(...(await benchImages({ work, runs: RUNS, log })));
  // --- pull and push of a ~1 GiB image through a loopback registry ---------------------------------------------
  if (want('registry')) rows.push(...(await benchRegistry({ out, work, log })));
  if (want('tarballs')) rows.push(...(await benchTarballs({ out, work, log })));
  // --- what is inside an image: layer indexing, the Files tab's first level, berth diff -------------------------
  if (want('files')) rows.push(...(await benchFiles({ out, work, log })));
} finally {
  await rm(work, { recursive: true, force: true });
}

async function benchImport() {
  // --- import of a 1 GiB tarball --------------------------------------------------------------
  log('preparing the 1 GiB tarball (generated once in bench/out/)');
  const big = await ensureBigTarball(path.join(out, 'rootfs-1g.tar'), GiB);
  // Every reader then starts from the page cache, so the comparison is of hashing and writing, not of the disk.
  spawnSync('cat', [big.file], { stdio: ['ignore', 'ignore', 'inherit'] });

  // Writing 1 GiB ends in an fsync whose cost varies with the disk's mood: take the median of a few runs.
  const shaRuns = [];
  const importRuns = [];
  const importStore = path.join(work, 'import-store');
  for (let run = 1; run <= IMPORT_RUNS; run++) {
    log(`sha256sum (${run}/${IMPORT_RUNS})`);
    shaRuns.push(await measure('sha256sum', [big.file]));
    log(`berth import (${run}/${IMPORT_RUNS})`);
    if (run > 1) await rm(importStore, { recursive: true, force: true });
    importRuns.push(await berth(importStore, ['import', big.file, 'bench:1g']));
  }
  const sha = { seconds: median(shaRuns.map((r) => r.seconds)) };
  const imported = {
    seconds: median(importRuns.map((r) => r.seconds)),
    maxRssBytes: importRuns.every((r) => r.maxRssBytes !== undefined) ? Math.max(...importRuns.map((r) => r.maxRssBytes)) : undefined,
  };
  const ratio = sha.seconds / imported.seconds;
  rows.push({
    figure: `import 1 GiB tar: throughput (median of ${IMPORT_RUNS})`, berth: rate(big.size, imported.seconds), reference: `sha256sum ${rate(big.size, sha.seconds)}`,
    ratio: times(ratio), requirement: '>= 0.9x sha256sum', pass: ratio >= 0.9,
  });
  rows.push({
    figure: 'import 1 GiB tar: peak memory (max)', berth: imported.maxRssBytes ? mib(imported.maxRssBytes) : 'unknown',
    requirement: '< 150 MiB', pass: imported.maxRssBytes !== undefined && imported.maxRssBytes < 150 * 1024 * 1024,
  });

  if (spawnSync('sh', ['-c', 'command -v skopeo'], { stdio: 'ignore' }).status === 0) {
    const archive = path.join(out, 'rootfs-1g.docker-archive.tar');
    const archiveStat = await stat(archive).catch(() => null);
    if (!archiveStat || archiveStat.mtimeMs < (await stat(big.file)).mtimeMs) {
      log('exporting the image as a docker-archive for skopeo (once)');
      await rm(archive, { force: true });
      await measure('skopeo', ['copy', '-q', `oci:${importStore}:docker.io/library/bench:1g`, `docker-archive:${archive}:bench:1g`]);
    }
    log('skopeo copy docker-archive -> oci');
    const copied = await measure('skopeo', ['copy', '-q', `docker-archive:${archive}`, `oci:${path.join(work, 'skopeo-store')}:bench:1g`]);
    rows.push({
      figure: 'import 1 GiB tar: wall time', berth: secs(imported.seconds), reference: `skopeo copy docker-archive->oci ${secs(copied.seconds)}`,
      ratio: times(copied.seconds / imported.seconds),
    });
  }
  await rm(path.join(work, 'skopeo-store'), { recursive: true, force: true });
  await rm(importStore, { recursive: true, force: true });
}

console.log('');
printTable(rows);
const ui = path.join(root, 'bench', 'ui.mjs');
if (existsSync(ui) && want('ui')) {
  console.log('');
  const result = spawnSync(process.execPath, [ui], { stdio: 'inherit' });
  if (result.status !== 0) process.exitCode = 1;
}
if (rows.some((row) => row.pass === false)) process.exitCode = 1;
