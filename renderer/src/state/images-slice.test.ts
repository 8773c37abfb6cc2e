// The first load shows the first screenful as soon as it arrives, then the whole list; a late first screenful
// never replaces the whole list, and later loads ask for the whole list only.
import { describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import type { ImageSummary, ListImagesOptions } from '../../../shared/api';
import { DEFAULT_SORT } from '../../../shared/image-order';
import { imageSummary } from '../../../shared/test-support/image-summary';

const calls: ListImagesOptions[] = [];
const answers: Array<(rows: ImageSummary[]) => void> = [];
vi.mock('../bridge/index', () => ({
  getBridge: () => ({
    listImages: (options: ListImagesOptions) => {
      calls.push(options);
      return new Promise<ImageSummary[]>((resolve) => answers.push(resolve));
    },
    diskUsage: () => Promise.reject(new Error('not in this test')),
  }),
}));

const { createImagesSlice, FIRST_SCREEN_ROWS } = await import('./images-slice');
type Slice = ReturnType<typeof createImagesSlice>;

function row(i: number): ImageSummary {
  return imageSummary({ id: `sha256:${String(i).padStart(64, '0')}`, repository: 'busy', tag: `tag-${i}`, size: 1 });
}
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function makeStore() {
  calls.length = 0;
  answers.length = 0;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- only the slice under test and reportFatal
  return create<Slice & { reportFatal(): void }>()((set, get, api) => ({ ...createImagesSlice(set as any, get as any, api as any), reportFatal: () => undefined }));
}

describe('loading the images', () => {
  it('asks for the first screenful ahead of the whole list, in the table order, and shows it first', async () => {
    const store = makeStore();
    const loading = store.getState().loadImages();
    expect(calls).toEqual([
      { all: true, order: DEFAULT_SORT, limit: FIRST_SCREEN_ROWS },
      { all: true, order: DEFAULT_SORT },
    ]);
    answers[0]!(rows(FIRST_SCREEN_ROWS));
    await tick();
    expect(store.getState()).toMatchObject({ imagesLoaded: true, imagesComplete: false });
    expect(store.getState().visibleImages).toHaveLength(FIRST_SCREEN_ROWS);

    answers[1]!(rows(5000));
    await loading;
    expect(store.getState()).toMatchObject({ imagesLoaded: true, imagesComplete: true });
    expect(store.getState().visibleImages).toHaveLength(5000);

    void store.getState().loadImages();
    expect(calls.slice(2)).toEqual([{ all: true, order: DEFAULT_SORT }]);
  });

  it('ignores a first screenful that arrives after the whole list', async () => {
    const store = makeStore();
    const loading = store.getState().loadImages();
    answers[1]!(rows(300));
    await loading;
    answers[0]!(rows(FIRST_SCREEN_ROWS));
    await tick();
    expect(store.getState().images).toHaveLength(300);
    expect(store.getState().imagesComplete).toBe(true);
  });
});
