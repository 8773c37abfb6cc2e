// A store whose own paths are links or special files — as a downloaded or copied OCI layout can be — is refused
// or repaired, and nothing outside the store is ever read, written, listed or deleted through it.
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile, lstat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOTATIONS } from '../oci/annotations.js';
import { openStore } from './store.js';
import { setTag, writeTestImage } from './test-support/image.js';
import type { ImageStore } from './types.js';

let dir: string;
let store: string;
let outside: string;

/** A folder of sentinel files outside the store: it must come through every test untouched. */
async function makeOutside(): Promise<void> {
  await mkdir(outside, { recursive: true });
  for (const name of ['precious.json', 'other.txt', `.${'a'.repeat(6)}.json`, 'a'.repeat(64)]) await writeFile(path.join(outside, name), `keep ${name}`);
}

async function expectOutsideUntouched(): Promise<void> {
  const names = (await readdir(outside)).sort();
  expect(names).toEqual([`.${'a'.repeat(6)}.json`, 'a'.repeat(64), 'other.txt', 'precious.json'].sort());
  for (const name of names) expect(await readFile(path.join(outside, name), 'utf8')).toBe(`keep ${name}`);
}

/** A store with one tagged image and one unreferenced blob (so gc has something to delete). */
async function seededStore(): Promise<ImageStore> {
  const s = await openStore(store);
  const session = await s.beginWrite();
  const image = await writeTestImage(session);
  await session.writeBlobBytes('orphan bytes');
  await session.commit((index) => setTag(index, 'docker.io/library/a:1', image));
  return s;
}

function mkfifo(file: string): void {
  const result = spawnSync('mkfifo', [file]);
  if (result.status !== 0) throw new Error(`mkfifo failed: ${result.stderr.toString()}`);
}

/** Every store operation that touches the given path, each within a deadline (a FIFO must never hang one). */
async function everyOperation(s: ImageStore): Promise<Array<{ op: string; outcome: string }>> {
  const ops: Array<[string, () => Promise<unknown>]> = [
    ['readIndex', () => s.readIndex()],
    ['gc', () => s.gc()],
    ['fsck', () => s.fsck()],
    ['write', async () => {
      const session = await s.beginWrite();
      const image = await writeTestImage(session);
      await session.commit((index) => setTag(index, 'docker.io/library/b:1', image));
    }],
    ['updateIndex', () => s.updateIndex((index) => void index.manifests.splice(0, 1))],
  ];
  const results: Array<{ op: string; outcome: string }> = [];
  for (const [op, run] of ops) {
    const deadline = new Promise<string>((resolve) => setTimeout(() => resolve('HUNG'), 3000).unref());
    const outcome = await Promise.race([run().then(() => 'ok', (err: Error & { code?: string }) => `${err.code ?? 'ERR'}: ${err.message}`), deadline]);
    results.push({ op, outcome });
  }
  return results;
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-own-'));
  store = path.join(dir, 'store');
  outside = path.join(dir, 'outside');
  await makeOutside();
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('scratch folders Berth owns are repaired, never followed', () => {
  it.each(['ingest/trash', 'ingest/leases', 'ingest/partial', 'ingest'])('%s as a link to a folder elsewhere', async (relative) => {
    const s = await seededStore();
    await rm(path.join(store, relative), { recursive: true, force: true });
    await symlink(outside, path.join(store, relative));
    const results = await everyOperation(s);
    expect(results.filter((r) => r.outcome === 'HUNG')).toEqual([]);
    await expectOutsideUntouched();
    // The link itself was replaced by a real folder where Berth needed one, and the store still works.
    const now = await lstat(path.join(store, relative)).catch(() => null);
    expect(now === null || now.isDirectory()).toBe(true);
    expect((await (await openStore(store)).fsck()).ok).toBe(true);
  });

  it('a link at ingest/trash holding blob-like names does not let gc "restore" or delete them', async () => {
    const s = await seededStore();
    await symlink(outside, path.join(store, 'ingest', 'trash'));
    await s.gc();
    await expectOutsideUntouched();
    expect(await stat(path.join(store, 'blobs', 'sha256', 'a'.repeat(64))).catch(() => null)).toBeNull();
  });
});

describe('the store content is refused when it is a link or a special file', () => {
  it.each([
    ['index.json', 'link'], ['index.json', 'fifo'], ['index.json', 'folder'],
    ['oci-layout', 'link'], ['oci-layout', 'fifo'],
    ['blobs', 'link'], ['blobs/sha256', 'link'],
  ])('%s as a %s', async (relative, kind) => {
    await seededStore();
    const target = path.join(store, relative);
    const moved = `${target}.real`;
    await rm(moved, { recursive: true, force: true });
    await (await import('node:fs/promises')).rename(target, moved);
    if (kind === 'link') await symlink(relative.startsWith('blobs') ? outside : path.join(outside, 'precious.json'), target);
    else if (kind === 'fifo') mkfifo(target);
    else await mkdir(target);
    const started = Date.now();
    const refusal = new RegExp(`^STORE_CORRUPT: refusing the store: .*${relative.replace('/', '\\/')} is (a symbolic link|a named pipe \\(FIFO\\)|a folder), not`);
    const describe = (err: Error & { code?: string }) => `${err.code}: ${err.message}`;
    // Folders are judged when the store opens; files when they are read, so fsck can still report them.
    const opened = await openStore(store).catch((err: Error) => describe(err));
    if (typeof opened === 'string') expect(opened).toMatch(refusal);
    else {
      if (relative === 'index.json') expect(await opened.readIndex().then(() => 'read', describe)).toMatch(refusal);
      const fsck = await opened.fsck();
      expect(fsck.ok).toBe(false);
      expect(fsck.problems).toContainEqual(expect.objectContaining({ subject: relative }));
    }
    expect(Date.now() - started).toBeLessThan(3000);
    await expectOutsideUntouched();
  });

  it('a link or FIFO planted after the store was opened is refused on read, not followed or blocked on', async () => {
    const s = await seededStore();
    await rm(path.join(store, 'index.json'));
    mkfifo(path.join(store, 'index.json'));
    const results = await everyOperation(s);
    expect(results.filter((r) => r.outcome === 'HUNG')).toEqual([]);
    expect(results.find((r) => r.op === 'readIndex')?.outcome).toMatch(/STORE_CORRUPT: .*named pipe/);
    expect(results.find((r) => r.op === 'gc')?.outcome).toMatch(/STORE_CORRUPT/);
    const fsck = await s.fsck();
    expect(fsck.ok).toBe(false);
    expect(fsck.problems).toContainEqual(expect.objectContaining({ kind: 'invalid', subject: 'index.json', detail: expect.stringMatching(/named pipe/) }));

    await rm(path.join(store, 'index.json'));
    await symlink(path.join(outside, 'precious.json'), path.join(store, 'index.json'));
    await expect(s.readIndex()).rejects.toMatchObject({ code: 'STORE_CORRUPT', message: expect.stringMatching(/symbolic link/) });
    await expectOutsideUntouched();
  });

  it('a lock file that is a link or a FIFO is debris: removed (not its target), and writers carry on', async () => {
    const s = await seededStore();
    const lock = path.join(store, 'ingest', 'write.lock');
    await symlink(path.join(outside, 'precious.json'), lock);
    await s.updateIndex((index) => {
      index.manifests[0]!.annotations = { ...index.manifests[0]!.annotations, [ANNOTATIONS.source]: 'tag' };
    });
    mkfifo(lock);
    expect((await everyOperation(s)).filter((r) => r.outcome === 'HUNG')).toEqual([]);
    await expectOutsideUntouched();
  });

  it('a lease that is a link is treated as dead debris: the link goes, its target stays', async () => {
    const s = await seededStore();
    const lease = path.join(store, 'ingest', 'leases', `${process.pid}-aaaaaaaaaaaa.json`);
    await symlink(path.join(outside, 'precious.json'), lease);
    await s.gc();
    expect(await lstat(lease).catch(() => null)).toBeNull();
    await expectOutsideUntouched();
  });
});

describe('a lock that can never be judged live', () => {
  it('a lock from another host stamped in the future is stale, not a 60-second wait', async () => {
    const s = await openStore(store, { lockTimeoutMs: 10_000 });
    const lock = path.join(store, 'ingest', 'write.lock');
    await writeFile(lock, JSON.stringify({ pid: 1, host: 'elsewhere', nonce: 'x' }));
    const future = new Date('2035-01-01T00:00:00Z');
    await (await import('node:fs/promises')).utimes(lock, future, future);
    const started = Date.now();
    await s.updateIndex(() => undefined);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
