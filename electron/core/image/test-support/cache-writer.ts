// Child process for the concurrency test: publishes `count` whole cache files of varying sizes, each entry
// labelled with the writer and iteration, so a reader can tell a whole file from a mixed or torn one.
// Usage: node cache-writer.mjs <store root> <writer name> <count>
import { writeCatalogCache } from '../catalog-cache.js';
import type { DocumentFacts } from '../image-facts.js';

export function cacheGeneration(writer: string, iteration: number): Map<string, DocumentFacts> {
  const entries = new Map<string, DocumentFacts>();
  const size = (iteration % 7) * 300 + 1;
  for (let i = 0; i < size; i++) {
    entries.set(`sha256:${i.toString(16).padStart(64, '0')}`, {
      kind: 'manifest', mediaType: null, config: `sha256:${'c'.repeat(64)}`, layers: [[`sha256:${'d'.repeat(64)}`, i]],
      platform: { os: 'linux', architecture: 'amd64' }, created: null, instant: [-62135596800000, 0],
      labels: { writer, iteration: String(iteration), size: String(size) },
    });
  }
  return entries;
}

async function main(): Promise<void> {
  const [root, writer, count] = process.argv.slice(2);
  if (!root || !writer || !count) throw new Error('usage: cache-writer <root> <writer> <count>');
  for (let i = 0; i < Number(count); i++) await writeCatalogCache(root, cacheGeneration(writer, i));
  process.stdout.write('done\n');
}

if (process.argv[1]?.endsWith('cache-writer.mjs')) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}
