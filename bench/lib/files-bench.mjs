// What is inside an image (issue 13, item 8), each figure from a cold process:
// (a) indexing a 1 GiB gzip layer (a realistic mix: 60,000 small text files in 600 folders, symlinks and hard links,
//     and 39 incompressible 16 MiB files) against `sha256sum` of the same blob bytes: goal at least half its speed;
// (b) an image of 100,000 files in 5 layers, indexed first, then a fresh process: from a fresh service to the first
//     level of imageFiles (the Files tab's first answer, the merged-tree memo cold): goal under 300 ms;
// (c) `berth diff` of two such images: goal under 1 s, beside node's own startup (the floor any CLI run pays).
// Peak RSS of each Berth process is reported. The layer is generated once into bench/out/ and reused;
// BENCH_FILES_MIB shrinks it for a quick check of the bench itself.
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { build } from 'esbuild';
import { packRootfsTar } from '../../electron/core/testing/tarball.mjs';
import { measure, median } from './measure.mjs';
import { mib, rate, secs, times } from './table.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.BERTH_BENCH_CLI || path.join(root, 'dist', 'cli', 'berth.js');
const RUNS = 3;
const LAYER_VERSION = 1;

export async function benchFiles({ out, work, log = () => undefined, mebibytes = Number(process.env.BENCH_FILES_MIB || 1024) }) {
  const rows = [];
  const probe = await buildProbe(out);
  const run = async (args) => {
    const result = await measure(probe, args, { node: true });
    return { ...JSON.parse(result.stdout.trim().split('\n').at(-1)), wall: result.seconds, rss: result.maxRssBytes };
  };
  const peak = (results) => (results.every((r) => r.rss !== undefined) ? mib(Math.max(...results.map((r) => r.rss))) : 'unknown');

  // --- (a) indexing a 1 GiB gzip layer vs sha256sum of the same bytes ---------------------------------------------
  log('files: preparing the 1 GiB gzip layer (generated once in bench/out/)');
  const layer = await ensureLayer(path.join(out, `files-layer-${mebibytes}m-v${LAYER_VERSION}.tar.gz`), mebibytes / 1024);
  await measure('cat', [layer.file], { stdoutToNull: true }); // both readers start from the page cache
  const shaRuns = [];
  const indexRuns = [];
  for (let i = 1; i <= RUNS; i++) {
    log(`files: sha256sum of the layer (${i}/${RUNS})`);
    shaRuns.push(await measure('sha256sum', [layer.file]));
    log(`files: indexing the layer (${i}/${RUNS})`);
    // A fresh store each time with the blob linked in (same file system: no copy), read as the store reads blobs.
    const digest = `sha256:${shaRuns[0].stdout.split(' ')[0]}`;
    const store = path.join(work, `files-index-store-${i}`);
    indexRuns.push(await run(['index', store, layer.file, digest]));
    await rm(store, { recursive: true, force: true });
  }
  const sha = median(shaRuns.map((r) => r.seconds));
  const indexed = median(indexRuns.map((r) => r.seconds));
  rows.push({
    figure: `index ${mebibytes === 1024 ? '1 GiB' : `${mebibytes} MiB`} gzip layer (${(layer.compressed / 1024 / 1024).toFixed(0)} MiB stored, ${indexRuns[0].entries} entries; median of ${RUNS})`,
    berth: rate(layer.compressed, indexed), reference: `sha256sum ${rate(layer.compressed, sha)}`, ratio: times(sha / indexed),
    requirement: '>= 0.5x sha256sum', pass: sha / indexed >= 0.5,
  });
  rows.push({ figure: 'index the layer: peak memory', berth: peak(indexRuns) });

  // --- (b) first level of a 100,000-file image, indexed, from a fresh service ------------------------------------
  const store = path.join(work, 'files-store');
  await mkdir(store, { recursive: true });
  log('files: writing two images of 100,000 files in 5 layers');
  await run(['image', store, 'bench/files:a', '1']);
  await run(['image', store, 'bench/files:b', '2']);
  log('files: indexing them (as the app does in the background)');
  const warmA = await run(['warm', store, 'bench/files:a']);
  const warmB = await run(['warm', store, 'bench/files:b']);
  rows.push({ figure: `index 5 layers, ${warmA.entries} entries (both images)`, berth: `${secs(warmA.seconds)} + ${secs(warmB.seconds)}`, reference: `peak ${peak([warmA, warmB])}` });
  const firstRuns = [];
  for (let i = 1; i <= RUNS; i++) {
    log(`files: first level from a fresh service (${i}/${RUNS})`);
    firstRuns.push(await run(['first-level', store, 'bench/files:a']));
  }
  const first = median(firstRuns.map((r) => r.ms));
  rows.push({
    figure: `Files tab first level, 100,000 files indexed (fresh service; median of ${RUNS})`, berth: `${first.toFixed(0)} ms`,
    reference: `of which service start ${median(firstRuns.map((r) => r.serviceMs)).toFixed(0)} ms; process ${secs(median(firstRuns.map((r) => r.wall)))}, peak ${peak(firstRuns)}`,
    requirement: '< 300 ms', pass: first < 300,
  });

  // --- (c) berth diff of the two images, beside node's startup ---------------------------------------------------
  const floor = median(await Promise.all([0, 1, 2].map(() => measure(process.execPath, ['-e', '0']).then((r) => r.seconds))));
  const diffRuns = [];
  let skipped = false;
  for (let i = 1; i <= RUNS && !skipped; i++) {
    log(`files: berth diff (${i}/${RUNS})`);
    try {
      diffRuns.push(await measure(cli, ['--store', store, 'diff', 'bench/files:a', 'bench/files:b'], { node: true, env: { NO_COLOR: '1' }, stdoutToNull: true }));
    } catch (err) {
      if (!/is not a berth command/.test(String(err))) throw err;
      skipped = true;
    }
  }
  if (skipped) rows.push({ figure: 'berth diff of two 100,000-file images', berth: 'skipped: berth diff not built', reference: `node startup ${secs(floor)}` });
  else {
    const diffed = median(diffRuns.map((r) => r.seconds));
    rows.push({
      figure: `berth diff of two 100,000-file images (median of ${RUNS})`, berth: secs(diffed), reference: `node startup ${secs(floor)}, peak ${peak(diffRuns.map((r) => ({ rss: r.maxRssBytes })))}`,
      requirement: '< 1 s', pass: diffed < 1,
    });
  }
  return rows;
}

/** The probe, bundled from the core's TypeScript (dependencies stay in node_modules). */
async function buildProbe(out) {
  const outfile = path.join(out, 'files-probe.mjs');
  await build({
    entryPoints: [path.join(root, 'bench', 'lib', 'files-probe.mjs')], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
    packages: 'external', logLevel: 'warning',
    // Bundled ESM that still calls require() (a CommonJS dependency inlined) needs one.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
  return outfile;
}

/** The 1 GiB (uncompressed) gzip layer and its facts, generated once and reused while its recorded facts hold. */
async function ensureLayer(file, scale) {
  const facts = `${file}.json`;
  const known = await readFile(facts, 'utf8').then(JSON.parse, () => null);
  const existing = await stat(file).catch(() => null);
  if (known && existing?.size === known.compressed) return { file, ...known };
  const hash = createHash('sha256');
  let uncompressed = 0;
  const measureTar = new Transform({
    transform(chunk, _encoding, done) {
      hash.update(chunk);
      uncompressed += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(packRootfsTar(layerEntries(scale)), measureTar, createGzip(), createWriteStream(`${file}.partial`));
  await rename(`${file}.partial`, file);
  const result = { compressed: (await stat(file)).size, uncompressed, diffId: `sha256:${hash.digest('hex')}` };
  await writeFile(facts, JSON.stringify(result));
  return { file, ...result };
}

/** ~1 GiB at scale 1: 60,000 text files of 200 B–12 KiB in 600 folders, 1,000 symlinks, 100 hard links, 39 × 16 MiB of noise. */
function* layerEntries(scale) {
  const words = 'the of and to in is that for it as with was on be by this are from or an at which not have but all'.split(' ');
  let x = 12345;
  const next = () => (x = (x * 1103515245 + 12345) >>> 0);
  const text = Buffer.from(Array.from({ length: 300_000 }, () => words[next() % words.length]).join(' '));
  for (let dir = 0; dir < Math.max(1, Math.round(600 * scale)); dir++) {
    yield { path: `usr/share/pkg-${dir}/`, type: 'directory' };
    for (let i = 0; i < 100; i++) {
      const size = 200 + (next() % 12_088);
      const start = next() % (text.length - size);
      yield { path: `usr/share/pkg-${dir}/file-${i}.txt`, content: text.subarray(start, start + size) };
    }
    if (dir < 100) for (let i = 0; i < 10; i++) yield { path: `usr/share/pkg-${dir}/link-${i}`, type: 'symlink', target: `file-${i}.txt` };
    if (dir < 100) yield { path: `usr/share/pkg-${dir}/hard-0`, type: 'link', target: `usr/share/pkg-${dir}/file-0.txt` };
  }
  const cipher = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  yield { path: 'opt/blobs/', type: 'directory' };
  for (let i = 0; i < Math.max(1, Math.round(39 * scale)); i++) yield { path: `opt/blobs/data-${i}.bin`, size: 16 * 1024 * 1024, content: noise(cipher, 16 * 1024 * 1024) };
}

function* noise(cipher, bytes) {
  const zeros = Buffer.alloc(1024 * 1024);
  for (let offset = 0; offset < bytes; offset += zeros.length) yield cipher.update(zeros);
}
