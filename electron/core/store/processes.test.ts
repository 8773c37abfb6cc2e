// Several real processes sharing one store: SIGKILL mid-write, concurrent tagging, gc vs. live sessions,
// and a lock left behind by a killed holder.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './store.js';
import { setTag, tagNames, writeTestImage } from './test-support/image.js';
import { childScript, killHard, startChild, type Child } from './test-support/spawn.js';
import type { ImageStore } from './types.js';

let root: string;
let store: ImageStore;
const children: Child[] = [];
const start = (args: string[]) => {
  const child = startChild(args);
  children.push(child);
  return child;
};

beforeAll(() => {
  childScript();
});
beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-store-proc-'));
  store = await openStore(root);
});
afterEach(async () => {
  await Promise.all(children.splice(0).map(killHard));
  await fs.rm(root, { recursive: true, force: true });
});

describe('a writer killed with SIGKILL', () => {
  it('leaves a store that fsck calls ok, whose index is an old or new state', async () => {
    for (let i = 0; i < 20; i++) {
      const before = tagNames(await store.readIndex());
      const writer = start(['commit-loop', root]);
      await writer.waitFor(/^committed/);
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      await killHard(writer);
      const index = await store.readIndex();
      // Each iteration commits at least once, and only tags example.test/loop:0..4.
      expect(tagNames(index).length).toBeGreaterThanOrEqual(Math.max(1, before.length));
      expect(tagNames(index).every((t) => /^example\.test\/loop:[0-4]$/.test(t))).toBe(true);
      const report = await store.fsck();
      expect(report.problems.filter((p) => p.kind !== 'orphan')).toEqual([]);
      expect(report.ok).toBe(true);
    }
    // The killed writers' lock, leases and ingest files are recovered: a write goes through and gc tidies up.
    await store.gc();
    const after = await store.fsck();
    expect(after.problems).toEqual([]);
    expect(await fs.readdir(path.join(root, 'ingest', 'leases'))).toEqual([]);
    const leftovers = (await fs.readdir(path.join(root, 'ingest'), { withFileTypes: true })).filter((e) => e.isFile());
    expect(leftovers.map((e) => e.name).filter((n) => n !== 'write.lock')).toEqual([]);
  });
});

describe('two processes tagging at once', () => {
  it('lose no tag', async () => {
    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'example.test/base:1', manifest));
    const json = JSON.stringify(manifest);
    const a = start(['tag', root, 'a', '50', json]);
    const b = start(['tag', root, 'b', '50', json]);
    await Promise.all([a.waitFor(/^done/, 50_000), b.waitFor(/^done/, 50_000)]);
    const tags = tagNames(await store.readIndex());
    expect(tags).toHaveLength(101);
    for (let i = 0; i < 50; i++) {
      expect(tags).toContain(`example.test/a:${i}`);
      expect(tags).toContain(`example.test/b:${i}`);
    }
  });
});

describe('gc across processes', () => {
  it('keeps the blobs of a live session in another process, and drops them once it dies', async () => {
    const holder = start(['hold-session', root, 'protected bytes']);
    const digest = (await holder.waitFor(/^ready /)).split(' ')[1]!;
    const s = await store.beginWrite();
    const orphan = await s.writeBlobBytes('nobody wants me');
    await s.abort();

    const first = await store.gc();
    expect(first.deleted).toEqual([orphan.digest]);
    expect(await store.hasBlob(digest)).toBe(true);
    expect((await store.fsck()).problems).toEqual([]);

    await killHard(holder);
    const second = await store.gc();
    expect(second.deleted).toEqual([digest]);
  });

  it('recovers the write lock of a holder killed with SIGKILL', async () => {
    const holder = start(['hold-lock', root]);
    await holder.waitFor(/^locked/);
    const blocked = await openStore(root, { lockTimeoutMs: 300 });
    await expect(blocked.updateIndex(() => undefined)).rejects.toMatchObject({ code: 'CONFLICT' });
    await killHard(holder);
    const started = Date.now();
    await store.updateIndex((index) => {
      index.annotations = { note: 'written after the holder died' };
    });
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await store.readIndex()).annotations).toEqual({ note: 'written after the holder died' });
    const lock = await fs.readFile(path.join(root, 'ingest', 'write.lock'), 'utf8').catch(() => null);
    expect(lock).toBeNull();
  });
});
