// Background indexing through the service: an import's layer is indexed after the task ends when the shell asks
// for it (the app, `berth serve`), never otherwise (a CLI command), and its failure fails nothing.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskInfo, TaskKind } from '../../../shared/api.js';
import { taskResult } from '../../../shared/tasks.js';
import type { BerthService } from '../service-api.js';
import { createService } from '../service.js';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { imagesOfTask } from './background-index.js';
import { LAYER_FILES_DIR } from './index-cache.js';

let dir: string;
let service: BerthService | null = null;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-bg-index-'));
});
afterEach(async () => {
  await service?.close();
  service = null;
  await fs.rm(dir, { recursive: true, force: true });
});

/** Imports `tar` (uncompressed: its diff ID is its own digest) and follows the task to its end. */
async function importImage(tar: Buffer): Promise<{ diffId: string; indexedAtEnd: boolean }> {
  const diffId = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
  await taskResult(service!, await service!.importRootfs({ stream: Readable.from([tar]), size: tar.length }, { reference: 'bg/indexed:1' }));
  return { diffId, indexedAtEnd: await exists(indexFile(diffId)) };
}

const indexFile = (diffId: string) => path.join(dir, LAYER_FILES_DIR, diffId.slice('sha256:'.length));
const exists = (file: string) => fs.lstat(file).then(() => true, () => false);

async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return check();
}

describe('the images a finished task brought in', () => {
  const task = (kind: TaskKind, result: unknown, state: TaskInfo['state'] = 'done') =>
    ({ id: 't', kind, title: '', state, progress: { current: 0, total: null }, children: [], error: null, result, startedAt: '', endedAt: '' }) as TaskInfo;

  it('reads them from each kind that brings images in, and from no other', () => {
    expect(imagesOfTask(task('import', { id: 'sha256:a', reference: null, manifestDigest: 'sha256:m' }))).toEqual(['sha256:a']);
    expect(imagesOfTask(task('pull', { id: 'sha256:b', reference: 'x', digest: 'sha256:d', status: 'downloaded' }))).toEqual(['sha256:b']);
    expect(imagesOfTask(task('commit', { id: 'sha256:c', reference: null, manifestDigest: 'sha256:m' }))).toEqual(['sha256:c']);
    expect(imagesOfTask(task('load', { images: [{ id: 'sha256:d', tags: [] }, { id: 'sha256:e', tags: ['e:1'] }] }))).toEqual(['sha256:d', 'sha256:e']);
    expect(imagesOfTask(task('copy-to-berth', { images: [{ id: 'sha256:f', tags: [] }] }))).toEqual(['sha256:f']);
    expect(imagesOfTask(task('save', { images: [], bytes: 1 }))).toEqual([]);
    expect(imagesOfTask(task('push', { digest: 'sha256:x' }))).toEqual([]);
  });

  it('reads none from a task that failed, was cancelled or still runs', () => {
    for (const state of ['failed', 'cancelled', 'running'] as const) expect(imagesOfTask(task('import', state === 'running' ? null : { id: 'sha256:a' }, state))).toEqual([]);
  });
});

describe('background indexing', () => {
  it('indexes an imported image after the import ends when the shell asks for it', async () => {
    service = await createService({ storePath: dir, indexInBackground: true });
    const { diffId, indexedAtEnd } = await importImage(await makeRootfsTar({ 'etc/content': 'hello', 'usr/bin/tool': 'x'.repeat(5000) }));
    expect(indexedAtEnd).toBe(false); // the import's task ended before indexing began
    expect(await eventually(() => exists(indexFile(diffId)), 10_000)).toBe(true);
    // The index built is the one the Files tab reads: no second build, the listing answers from it.
    const listing = await service.imageFiles('bg/indexed:1', { path: '/usr/bin' });
    expect(listing.entries.map((e) => [e.name, e.size])).toEqual([['tool', 5000]]);
  });

  it('waits while another operation runs, and indexes once it has ended', async () => {
    service = await createService({ storePath: dir, indexInBackground: true });
    const { diffId } = await importImage(await makeRootfsTar({ 'etc/content': 'waits' }));
    // A second import starts at once and never ends until cancelled: the machine is its own meanwhile.
    async function* endless() {
      yield (await makeRootfsTar({ 'etc/x': 'y'.repeat(100_000) })).subarray(0, 1024);
      await new Promise(() => {});
    }
    const running = await service.importRootfs({ stream: Readable.from(endless()) }, { reference: 'bg/never:1' });
    expect(await eventually(() => exists(indexFile(diffId)), 1500)).toBe(false);
    await service.cancelTask(running.taskId);
    expect(await eventually(() => exists(indexFile(diffId)), 10_000)).toBe(true);
  });

  it('never indexes in the background without the flag (a CLI command)', async () => {
    service = await createService({ storePath: dir });
    const { diffId } = await importImage(await makeRootfsTar({ 'etc/content': 'hello' }));
    expect(await eventually(() => exists(indexFile(diffId)), 1500)).toBe(false);
  });

  it('ignores a layer it cannot index: nothing fails, the image stays, opening it reports the damage', async () => {
    service = await createService({ storePath: dir, indexInBackground: true });
    const { diffId } = await importImage(await makeRootfsTar({ 'etc/content': 'hello' }));
    // An uncompressed import is stored byte for byte, so its blob is named by the diff ID: damage it before the
    // background build (which waits a moment after the task) reads it.
    const blob = path.join(dir, 'blobs/sha256', diffId.slice('sha256:'.length));
    await fs.rm(blob, { force: true });
    await fs.writeFile(blob, 'not a tar at all, and long enough to be read as one block of garbage'.repeat(20));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await exists(indexFile(diffId))).toBe(false);
    expect((await service.listImages()).map((i) => i.reference)).toContain('docker.io/bg/indexed:1');
    await expect(service.imageFiles('bg/indexed:1')).rejects.toMatchObject({ code: 'INVALID_ARCHIVE' });
  });
});
