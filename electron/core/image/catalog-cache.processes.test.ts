// Two processes rewriting the cache while this one reads it: every read is a whole file one writer published
// (or no file yet), never a mix or a torn one; and what is left at the end is a sound file.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../store/store.js';
import { readCatalogCache } from './catalog-cache.js';

let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(tmpdir(), 'berth-cache-procs-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function writerScript(): string {
  const outfile = path.join(dir, 'cache-writer.mjs');
  buildSync({
    entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-support', 'cache-writer.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error',
  });
  return outfile;
}

it('readers never see garbage while other processes write (no lock involved)', async () => {
  const root = path.join(dir, 'store');
  await openStore(root);
  const script = writerScript();
  const writers = ['a', 'b'].map((name) => {
    const child = spawn(process.execPath, [script, root, name, '60'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    return new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer ${name} exited ${code}: ${err}`)))));
  });
  let running = true;
  const finished = Promise.all(writers).finally(() => (running = false));
  let whole = 0;
  while (running) {
    const { entries, problem } = await readCatalogCache(root);
    if (problem === 'absent') continue;
    expect(problem).toBeNull();
    const labels = [...entries.values()].map((f) => (f.kind === 'manifest' ? JSON.stringify(f.labels) : 'index'));
    expect(new Set(labels).size).toBe(1); // one writer's one generation
    expect(entries.size).toBe(Number(JSON.parse(labels[0]!).size));
    whole++;
  }
  await finished;
  expect(whole).toBeGreaterThan(0);
  expect((await readCatalogCache(root)).problem).toBeNull();
  expect((await fs.readdir(path.join(root, 'ingest'))).filter((n) => n.startsWith('catalog-'))).toEqual([]);
});
