// A parsed store file is handed out again only while the file is the very version parsed: a commit (rename), a
// rewrite in place by another tool (even to the same size), or a replacement by a link all end the sharing.
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ParsedFileMemo } from './file-memo.js';
import { openStore } from './store.js';
import { setTag, writeTestImage } from './test-support/image.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-memo-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('ParsedFileMemo', () => {
  it('parses once per version of the file', async () => {
    const file = path.join(dir, 'f.json');
    await writeFile(file, '{"n":1}');
    let parses = 0;
    const memo = new ParsedFileMemo(file, 1024, (text) => (parses++, JSON.parse(text) as { n: number }));
    const first = await memo.read();
    expect(await memo.read()).toBe(first);
    expect(parses).toBe(1);

    await writeFile(file, '{"n":2}'); // in place, same size: the change time still moves
    expect(await memo.read()).toEqual({ n: 2 });
    expect(parses).toBe(2);
  });

  it('does not remember a failed parse, and refuses a link put in the file place', async () => {
    const file = path.join(dir, 'f.json');
    await writeFile(file, '{broken');
    const memo = new ParsedFileMemo(file, 1024, (text) => JSON.parse(text) as unknown);
    await expect(memo.read()).rejects.toThrow(SyntaxError);
    await writeFile(file, '{"ok":true}');
    expect(await memo.read()).toEqual({ ok: true });

    const elsewhere = path.join(dir, 'elsewhere.json');
    await writeFile(elsewhere, '{"ok":true}');
    await rm(file);
    await symlink(elsewhere, file);
    await expect(memo.read()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
  });
});

describe('the store index readers share', () => {
  it('one frozen index until a commit replaces index.json', async () => {
    const store = await openStore(path.join(dir, 'store'));
    const before = await store.readIndex();
    expect(await store.readIndex()).toBe(before);
    expect(() => (before.manifests as unknown[]).push({})).toThrow(TypeError);

    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'docker.io/library/a:1', manifest));
    const after = await store.readIndex();
    expect(after).not.toBe(before);
    expect(after.manifests).toHaveLength(1);
    expect(() => {
      (after.manifests[0]!.annotations as Record<string, string>).x = 'y';
    }).toThrow(TypeError);
    expect(JSON.parse(await readFile(path.join(store.root, 'index.json'), 'utf8')).manifests[0].annotations.x).toBeUndefined();
  });

  it('one map of blob sizes until a blob is written or deleted', async () => {
    const store = await openStore(path.join(dir, 'store'));
    const empty = await store.blobSizes();
    expect(await store.blobSizes()).toBe(empty);

    const session = await store.beginWrite();
    const manifest = await writeTestImage(session);
    await session.commit((index) => setTag(index, 'docker.io/library/a:1', manifest));
    const written = await store.blobSizes();
    expect(written).not.toBe(empty);
    expect(written.get(manifest.digest)).toBe(manifest.size);
    expect(await store.blobSizes()).toBe(written);

    await store.updateIndex((index) => void index.manifests.splice(0));
    await store.gc();
    expect((await store.blobSizes()).size).toBe(0);
  });
});
