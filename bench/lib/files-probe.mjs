// The files bench's probe: bundled by esbuild (files-bench.mjs) from the core's TypeScript, run as its own process so
// each figure starts cold and peak RSS is the probe's alone. Prints one JSON line.
//   index STORE FILE DIGEST       index the layer blob FILE (linked into a fresh store as DIGEST, read as a store reads)
//   image STORE TAG SEED          write an image of 100,000 files in 5 gzip layers (SEED varies the top layer)
//   warm STORE REF                build and cache the image's layer indexes (what the app's background indexing does)
//   first-level STORE REF         a fresh service, then imageFiles(REF) of `/`: the Files tab's first answer
import { link, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { indexLayer } from '../../electron/core/files/index-layer.js';
import { writeLayeredImage } from '../../electron/core/files/test-support/layered-image.js';
import { openImageFiles } from '../../electron/core/files/image-files.js';
import { Catalog } from '../../electron/core/image/catalog.js';
import { createService } from '../../electron/core/service.js';
import { openStore } from '../../electron/core/store/store.js';

const [command, ...args] = process.argv.slice(2);
const print = (value) => process.stdout.write(`${JSON.stringify(value)}\n`);

if (command === 'index') {
  const [root, file, digest] = args;
  const store = await openStore(root);
  await mkdir(path.join(root, 'blobs', 'sha256'), { recursive: true });
  await link(file, path.join(root, 'blobs', 'sha256', digest.slice('sha256:'.length)));
  const started = performance.now();
  const index = await indexLayer(store, { digest, diffId: `sha256:${'0'.repeat(64)}` });
  print({ seconds: (performance.now() - started) / 1000, entries: index.entries.length });
} else if (command === 'image') {
  const [root, tag, seed] = args;
  const store = await openStore(root);
  await writeLayeredImage(store, hundredThousandFiles(Number(seed)), { tag, compression: 'gzip' });
  print({ tag });
} else if (command === 'warm') {
  const [root, reference] = args;
  const store = await openStore(root);
  const started = performance.now();
  const files = await openImageFiles({ store, catalog: new Catalog(store) }, reference);
  print({ seconds: (performance.now() - started) / 1000, entries: files.merged.root.descendants });
} else if (command === 'first-level') {
  const [root, reference] = args;
  const started = performance.now();
  const service = await createService({ storePath: root });
  const opened = performance.now();
  const listing = await service.imageFiles(reference);
  const ms = performance.now() - started;
  await service.close();
  print({ ms, serviceMs: opened - started, entries: listing.entries.length, total: listing.totalEntries });
} else {
  throw new Error(`unknown probe command ${command}`);
}

/**
 * 100,000 files in 5 layers, as a distribution image with packages on top: a base of 40,000, then 30,000, 15,000,
 * 10,000 and a top layer of 5,000 that also rewrites some files below and removes a folder. SEED changes the top
 * layer only, so two seeds make two images that share their first four layers (what `berth diff` compares).
 */
function hundredThousandFiles(seed) {
  const layer = (name, count, extra = []) => {
    const entries = [];
    for (let dir = 0; dir * 100 < count; dir++) {
      entries.push({ path: `${name}/pkg-${dir}/`, type: 'directory' });
      for (let i = dir * 100; i < Math.min(count, (dir + 1) * 100); i++) entries.push({ path: `${name}/pkg-${dir}/file-${i}.txt`, content: `${name} ${i}\n`.repeat(1 + (i % 7)) });
    }
    return [...entries, ...extra];
  };
  const top = layer(`top-${seed}`, 5000 - 200, [
    ...Array.from({ length: 100 }, (_, i) => ({ path: `usr/pkg-${i}/file-${i * 100}.txt`, content: `rewritten by ${seed}\n` })),
    ...Array.from({ length: 99 }, (_, i) => ({ path: `lib/pkg-${i}/file-${i * 100 + 1}.txt`, content: `rewritten by ${seed} ${i}\n` })),
    { path: `opt/.wh.pkg-${seed % 50}`, content: '' },
  ]);
  return [layer('usr', 40_000), layer('lib', 30_000), layer('opt', 15_000), layer('srv', 10_000), top];
}
