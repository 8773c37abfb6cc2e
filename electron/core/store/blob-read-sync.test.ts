// The synchronous blob reader the catalog fills its cache with refuses what the async one refuses: a missing
// blob, a symlink, a FIFO (without blocking), a folder, bytes that do not hash to the name, and non-JSON.
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Digest } from '../oci/digest.js';
import { openStore } from './store.js';
import type { ImageStore } from './types.js';

let root: string;
let store: ImageStore;
const blob = (digest: string) => path.join(root, 'blobs', 'sha256', digest.slice(7));
const code = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
};

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(tmpdir(), 'berth-blob-sync-'));
  store = await openStore(root);
});
afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('readBlobJsonSync', () => {
  it('reads what readBlobJson reads', async () => {
    const text = JSON.stringify({ hello: 'world' });
    const digest = sha256Digest(text);
    await fs.writeFile(blob(digest), text);
    expect(store.readBlobJsonSync(digest)).toEqual(await store.readBlobJson(digest));
  });

  it('refuses a missing blob, a link, a FIFO, a folder, wrong bytes and non-JSON', async () => {
    const digest = (s: string) => sha256Digest(s);
    expect(code(() => store.readBlobJsonSync(digest('absent')))).toBe('NOT_FOUND');

    await fs.writeFile(path.join(root, 'target'), '{}');
    await fs.symlink(path.join(root, 'target'), blob(digest('{}')));
    expect(code(() => store.readBlobJsonSync(digest('{}')))).toBe('STORE_CORRUPT');

    expect(spawnSync('mkfifo', [blob(digest('fifo'))]).status).toBe(0);
    const started = performance.now();
    expect(code(() => store.readBlobJsonSync(digest('fifo')))).toBe('STORE_CORRUPT');
    expect(performance.now() - started).toBeLessThan(5000);

    await fs.mkdir(blob(digest('dir')));
    expect(code(() => store.readBlobJsonSync(digest('dir')))).toBe('STORE_CORRUPT');

    await fs.writeFile(blob(digest('{"a":1}')), '{"a":2}');
    expect(code(() => store.readBlobJsonSync(digest('{"a":1}')))).toBe('STORE_CORRUPT');

    await fs.writeFile(blob(digest('not json')), 'not json');
    expect(code(() => store.readBlobJsonSync(digest('not json')))).toBe('STORE_CORRUPT');
  });
});
