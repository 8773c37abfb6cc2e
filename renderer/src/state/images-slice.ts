// Images: the list from the service, the table's view of it (filter, sort, dangling) and the selection.
import type { StateCreator } from 'zustand';
import type { DiskUsage, ErrorPayload, ImageSummary } from '../../../shared/api';
import { toErrorPayload } from '../../../shared/errors';
import { DEFAULT_SORT } from '../../../shared/image-order';
import { getBridge } from '../bridge/index';
import { applyFilter, nextSelection, rowKey, sortImages, type SortColumn, type SortOrder } from './rows';
import type { AppState } from './types';

export interface ImagesSlice {
  images: ImageSummary[];
  /** `images` after filter, dangling toggle and sort: what the table shows, in order. */
  visibleImages: ImageSummary[];
  imagesLoaded: boolean;
  /** False while only the first screenful has arrived (the first load asks for it ahead of the whole list). */
  imagesComplete: boolean;
  imagesError: ErrorPayload | null;
  diskUsage: DiskUsage | null;
  filter: string;
  /** Why the filter box cannot filter (an unknown filter, a bad pattern, an image that is not there), or null. */
  filterError: string | null;
  showDangling: boolean;
  sort: SortOrder;
  selection: string[];
  selectionAnchor: string | null;
  loadImages(): Promise<void>;
  setFilter(filter: string): void;
  setShowDangling(show: boolean): void;
  toggleSort(column: SortColumn): void;
  selectRow(key: string, mode: 'single' | 'toggle' | 'range'): void;
  selectAll(): void;
  clearSelection(): void;
}

function view(
  state: Pick<ImagesSlice, 'images' | 'filter' | 'showDangling' | 'sort'>,
): Pick<ImagesSlice, 'visibleImages' | 'filterError'> {
  const { images, error } = applyFilter(state.images, state.filter, state.showDangling);
  return { visibleImages: sortImages(images, state.sort), filterError: error };
}

let loadGeneration = 0;

/** Rows asked for ahead of the whole list: more than the tallest window shows (1,440 px / 26 px a row). */
export const FIRST_SCREEN_ROWS = 80;

export const createImagesSlice: StateCreator<AppState, [], [], ImagesSlice> = (set, get) => ({
  images: [],
  visibleImages: [],
  imagesLoaded: false,
  imagesComplete: false,
  imagesError: null,
  diskUsage: null,
  filter: '',
  filterError: null,
  showDangling: true,
  sort: DEFAULT_SORT,
  selection: [],
  selectionAnchor: null,

  async loadImages() {
    const generation = ++loadGeneration;
    const bridge = getBridge();
    // Asked in the table's order, so the list arrives sorted (sortImages then only checks it). On the first load
    // the first screenful is asked for ahead of the whole list: it is answered first, and with 50,000 tags it shows
    // long before the whole list has been sent and parsed.
    const order = get().sort;
    const firstScreen = get().imagesLoaded ? null : bridge.listImages({ all: true, order, limit: FIRST_SCREEN_ROWS });
    const whole = bridge.listImages({ all: true, order });
    let wholeArrived = false;
    firstScreen?.then(
      (images) => {
        if (generation !== loadGeneration || wholeArrived) return;
        set({ images, imagesLoaded: true, imagesComplete: false, imagesError: null, ...view({ ...get(), images }) });
      },
      () => undefined, // the whole list's call reports the same failure
    );
    try {
      const images = await whole;
      wholeArrived = true;
      if (generation !== loadGeneration) return; // a newer load started meanwhile
      const keys = new Set(images.map(rowKey));
      const state = get();
      set({
        images,
        imagesLoaded: true,
        imagesComplete: true,
        imagesError: null,
        ...view({ ...state, images }),
        selection: state.selection.filter((key) => keys.has(key)),
      });
    } catch (err) {
      wholeArrived = true;
      if (generation !== loadGeneration) return;
      const error = toErrorPayload(err);
      set({ imagesError: error, imagesLoaded: true, imagesComplete: true });
      get().reportFatal(error);
      return;
    }
    // Disk usage walks every blob: asked only after the rows are in, so it never delays them.
    try {
      const diskUsage = await bridge.diskUsage();
      if (generation === loadGeneration) set({ diskUsage });
    } catch {
      // The header simply shows no sizes; the rows matter more.
    }
  },

  setFilter(filter) {
    set((state) => ({ filter, ...view({ ...state, filter }) }));
  },

  setShowDangling(showDangling) {
    set((state) => ({ showDangling, ...view({ ...state, showDangling }) }));
  },

  toggleSort(column) {
    set((state) => {
      const sort: SortOrder =
        state.sort.column === column
          ? { column, direction: state.sort.direction === 'asc' ? 'desc' : 'asc' }
          : { column, direction: column === 'created' || column === 'size' ? 'desc' : 'asc' };
      return { sort, ...view({ ...state, sort }) };
    });
  },

  selectRow(key, mode) {
    const { selection, selectionAnchor, visibleImages } = get();
    const next = nextSelection(selection, selectionAnchor, key, mode, visibleImages.map(rowKey));
    set({ selection: next.selection, selectionAnchor: next.anchor });
  },

  selectAll() {
    set((state) => ({ selection: state.visibleImages.map(rowKey) }));
  },

  clearSelection() {
    set({ selection: [], selectionAnchor: null });
  },
});
