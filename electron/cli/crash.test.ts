// `berth import` killed with SIGKILL at random moments, as a user's Ctrl+\ or a power cut would: the store
// must stay clean (fsck ok) and hold either the old state or the new one, never a half-written image.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI_PATH, ensureCliBuilt, runCliOk } from '../core/testing/cli.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';

let dir: string;
let store: string;

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(path.join(tmpdir(), 'berth-crash-'));
  store = path.join(dir, 'store');
  await runCliOk(['import', '-', 'base:1'], { store, input: await makeRootfsTar({ 'etc/base': 'base\n' }) });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Streams `bytes` into `berth import - NAME` slowly and kills it after `killAfterMs`. */
function importAndKill(bytes: Buffer, name: string, killAfterMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI_PATH, '--store', store, 'import', '-', name], { stdio: ['pipe', 'ignore', 'ignore'] });
    let offset = 0;
    const feed = setInterval(() => {
      if (offset >= bytes.length) {
        child.stdin.end();
        clearInterval(feed);
        return;
      }
      child.stdin.write(bytes.subarray(offset, offset + 64 * 1024));
      offset += 64 * 1024;
    }, 2);
    child.stdin.on('error', () => undefined);
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', () => {
      clearInterval(feed);
      clearTimeout(timer);
      resolve();
    });
  });
}

it('a killed import leaves a clean store with the old state or the new image, never a half-written one', async () => {
  const bytes = await makeRootfsTar({ 'data/blob': randomBytes(3 * 1024 * 1024) });
  const outcomes = { completed: 0, killed: 0 };
  for (let round = 0; round < 8; round++) {
    const name = `crash:${round}`;
    await importAndKill(bytes, name, 20 + Math.floor(Math.random() * 250));
    const baseTags = JSON.parse(await runCliOk(['inspect', '-f', '{{json .RepoTags}}', 'base:1'], { store })) as string[];
    expect(baseTags).toEqual(['base:1']);
    const check = await runCliOk(['fsck'], { store });
    expect(check).toMatch(/no problems|orphan/);
    const listed = (await runCliOk(['images', '--format', '{{.Repository}}:{{.Tag}}'], { store })).trim().split('\n');
    if (listed.includes(name)) {
      outcomes.completed++;
      // A listed image is whole: its layer reads back with the right digest.
      const layers = await runCliOk(['inspect', '-f', '{{len .RootFS.Layers}}', name], { store });
      expect(layers.trim()).toBe('1');
    } else outcomes.killed++;
  }
  expect(outcomes.killed).toBeGreaterThan(0);
  // gc afterwards leaves no ingest leftovers from the killed writers.
  await runCliOk(['prune', '-f'], { store });
  // cache/ (derived data: the catalog and layer sizes), leases/, partial/ and gc's own trash/ (made when a killed writer left blobs to sweep) are folders that stay.
  const ingest = (await readdir(path.join(store, 'ingest'))).filter((n) => !['leases', 'partial', 'trash', 'cache'].includes(n));
  expect(ingest).toEqual([]);
  expect(await readdir(path.join(store, 'ingest', 'trash')).catch(() => [])).toEqual([]);
  expect(await readdir(path.join(store, 'ingest', 'leases'))).toEqual([]);
}, 120_000);
