// The Files tab's cache: a folder is asked for once per view, however often it is opened or asked for at once;
// a failure is kept (shown on its row) and asked again on the next open; the last few images are kept.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImageFileEntry, ImageFilesQuery } from '../../../../../shared/api';

const asked: Array<[string, ImageFilesQuery | undefined]> = [];
let failNext = false;
const bridge = {
  async imageFiles(reference: string, query?: ImageFilesQuery) {
    asked.push([reference, query]);
    await Promise.resolve();
    if (failNext) {
      failNext = false;
      throw Object.assign(new Error('the layer blob is missing'), { code: 'NOT_FOUND' });
    }
    const path = query?.path ?? '/';
    const entry: ImageFileEntry = { path: `${path === '/' ? '' : path}/x`, name: 'x', kind: 'file', size: 1, mode: 0o644, uid: 0, gid: 0, mtime: 0, layer: 0, children: 0, descendants: 0 };
    return { imageId: reference, path, entries: [entry], layers: [], totalEntries: 1, totalSize: 1 };
  },
};
vi.mock('../../../bridge/index', () => ({ getBridge: () => bridge }));

const { ImageFileCache, imageFileCache } = await import('./file-cache');

beforeEach(() => {
  asked.length = 0;
  failNext = false;
});

describe('ImageFileCache', () => {
  it('lists a folder once per view, even when asked twice at once or opened again', async () => {
    const cache = new ImageFileCache('sha256:a');
    const [one, two] = await Promise.all([cache.load(null, '/'), cache.load(null, '/')]);
    expect(one).toEqual(two);
    expect(one.state).toBe('done');
    cache.setExpanded(null, '/usr', true);
    await cache.load(null, '/usr');
    cache.setExpanded(null, '/usr', false);
    cache.setExpanded(null, '/usr', true);
    await cache.load(1, '/usr');
    expect(asked).toEqual([
      ['sha256:a', { path: '/' }],
      ['sha256:a', { path: '/usr' }],
      ['sha256:a', { path: '/usr', layer: 1 }],
    ]);
    expect(cache.expanded(null).has('/usr')).toBe(true);
    expect(cache.expanded(1).has('/usr')).toBe(false);
  });

  it('keeps a failure with its message, and asks again when the folder is opened again', async () => {
    const cache = new ImageFileCache('sha256:b');
    failNext = true;
    cache.setExpanded(null, '/etc', true);
    await vi.waitFor(() => expect(cache.folder(null, '/etc')).toEqual({ state: 'error', message: 'the layer blob is missing' }));
    cache.setExpanded(null, '/etc', true); // Right again on the failed row
    await vi.waitFor(() => expect(cache.folder(null, '/etc')?.state).toBe('done'));
    expect(asked).toHaveLength(2);
  });

  it('tells its subscribers of every change', async () => {
    const cache = new ImageFileCache('sha256:c');
    const seen: number[] = [];
    const unsubscribe = cache.subscribe(() => seen.push(cache.version));
    await cache.load(null, '/');
    unsubscribe();
    expect(seen).toEqual([1, 2]); // loading, then done
  });

  it('keeps the caches of the last three images', () => {
    const first = imageFileCache('sha256:1');
    expect(imageFileCache('sha256:1')).toBe(first);
    for (const id of ['sha256:2', 'sha256:3', 'sha256:4']) imageFileCache(id);
    expect(imageFileCache('sha256:1')).not.toBe(first);
  });
});
