// `berth images` on three stores, each the whole command (node startup included), median of `runs`:
//  - 5,000 tags of one image (a busy developer machine): at most 2x node's own startup;
//  - 5,000 distinct images (years of pulls, or a layout another OCI tool filled): under 0.5 s with the catalog
//    cache warm; the cold figure (first run after the cache is deleted: every manifest and config read) is shown too;
//  - 50,000 tags: under 2 s.
// `umoci ls` (which reads index.json only) is the reference where it lists the same store.
// Run alone: `node bench/lib/images-bench.mjs` (after `npm run build`).
import { spawnSync } from 'node:child_process';
import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { measure, median } from './measure.mjs';
import { fanOutTags } from './many-tags.mjs';
import { makeDistinctStore } from './distinct-images.mjs';
import { printTable, secs, times } from './table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// BERTH_BENCH_CLI: another build of the CLI to measure (the default is the one `npm run bench` builds).
const cli = process.env.BERTH_BENCH_CLI || path.join(root, 'dist', 'cli', 'berth.js');
const CACHE = ['ingest', 'cache', 'catalog-v1.json'];

export async function benchImages({ work, runs = 5, log = () => undefined }) {
  const rows = [];
  const berth = (store, args) => measure(cli, ['--store', store, ...args], { node: true, env: { NO_COLOR: '1' } });
  const medianOf = async (run) => {
    const seconds = [];
    for (let i = 0; i < runs; i++) seconds.push(await run());
    return median(seconds);
  };
  /** berth images, checking it listed every entry. */
  const listed = (store, count) => async () => {
    const result = await berth(store, ['images']);
    const lines = result.stdout.trimEnd().split('\n').length;
    if (lines !== count + 1) throw new Error(`berth images on ${store} printed ${lines} lines, expected ${count + 1}`);
    return result.seconds;
  };
  const umoci = spawnSync('sh', ['-c', 'command -v umoci'], { stdio: 'ignore' }).status === 0;
  const umociLs = async (store) => (umoci ? medianOf(async () => (await measure('umoci', ['ls', '--layout', store])).seconds) : null);
  const withReference = (row, seconds, reference) => (reference === null ? row : {
    ...row, reference: `umoci ls ${secs(reference)}`, ratio: times(seconds / reference),
  });

  // Node's startup with the same preload the measured runs get: the floor under any CLI run.
  log('node startup floor');
  const floor = await medianOf(async () => (await measure('-e', ['0'], { node: true })).seconds);
  rows.push({ figure: `node startup (floor for any CLI run, median of ${runs})`, berth: secs(floor) });

  // --- 5,000 tags of one image -------------------------------------------------------------------------------
  log('berth images on 5,000 tags');
  const tags = path.join(work, 'tags-store');
  const small = path.join(work, 'small.tar');
  spawnSync('tar', ['-cf', small, '-C', path.join(root, 'bench'), 'lib']);
  await berth(tags, ['import', small, 'bench-base:1']);
  const tags50k = path.join(work, 'tags-50k-store');
  await cp(tags, tags50k, { recursive: true });
  await fanOutTags(tags, 'docker.io/library/bench-base:1', 5000);
  const tagged = await medianOf(listed(tags, 5000));
  rows.push(withReference({
    figure: `images, 5,000 tags (median of ${runs})`, berth: secs(tagged),
    requirement: `<= 2x node startup (${secs(2 * floor)})`, pass: tagged <= 2 * floor,
  }, tagged, await umociLs(tags)));

  // --- 5,000 distinct images -----------------------------------------------------------------------------------
  log('berth images on 5,000 distinct images');
  const distinct = path.join(work, 'distinct-store');
  await makeDistinctStore(distinct, 5000);
  const fsck = await berth(distinct, ['fsck']);
  if (!/no problems/.test(fsck.stdout)) throw new Error(`the generated store is not fsck-clean:\n${fsck.stdout}`);
  const cold = await medianOf(async () => {
    await rm(path.join(distinct, ...CACHE), { force: true });
    return listed(distinct, 5000)();
  });
  await listed(distinct, 5000)(); // leaves the cache written
  const warm = await medianOf(listed(distinct, 5000));
  const distinctReference = await umociLs(distinct);
  rows.push(withReference({
    figure: `images, 5,000 distinct images, cache warm (median of ${runs})`, berth: secs(warm), requirement: '< 0.5 s', pass: warm < 0.5,
  }, warm, distinctReference));
  rows.push(withReference({
    figure: `images, 5,000 distinct images, cache cold (median of ${runs})`, berth: secs(cold),
  }, cold, distinctReference));

  // --- 50,000 tags --------------------------------------------------------------------------------------------
  log('berth images on 50,000 tags');
  await fanOutTags(tags50k, 'docker.io/library/bench-base:1', 50000);
  const many = await medianOf(listed(tags50k, 50000));
  rows.push(withReference({
    figure: `images, 50,000 tags (median of ${runs})`, berth: secs(many), requirement: '< 2 s', pass: many < 2,
  }, many, await umociLs(tags50k)));
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const work = path.join(root, 'bench', 'out', 'images-work');
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    const rows = await benchImages({ work, log: (message) => console.error(`bench: ${message}`) });
    printTable(rows);
    if (rows.some((row) => row.pass === false)) process.exitCode = 1;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
