// "Show" on a finished import: the Images page with the new image's row selected, scrolled into view and open in
// the detail pane — what Docker Desktop does after a build or a pull.
import type { ImageSummary, ImportResult } from '../../../shared/api';

/** What an import or a pull made: the image ID, and the name it got (none for an untagged import). */
type MadeImage = Pick<ImportResult, 'id' | 'reference'>;
import { ROW_HEIGHT } from '../pages/images/ImagesTable';
import { rowKey, rowTarget } from '../state/rows';
import { useAppStore } from '../state/store';

/** The row the import made: its tag, or (untagged, or the tag moved on since) a row of its image ID. */
function findRow(images: readonly ImageSummary[], result: MadeImage): ImageSummary | undefined {
  return (
    (result.reference ? images.find((image) => image.reference === result.reference && image.id === result.id) : undefined) ??
    images.find((image) => image.id === result.id && image.dangling) ??
    images.find((image) => image.id === result.id)
  );
}

/** How long the list may take to show what a task just made (a reload the store change started may be in flight). */
const CATCH_UP_MS = 3_000;

/**
 * The row once the list has caught up with the task: a reload is asked for, but a newer one (started by the store
 * change the same task caused) may supersede it, so the row is awaited in whatever list lands next.
 */
function caughtUp(result: MadeImage): Promise<ImageSummary | undefined> {
  return new Promise((resolve) => {
    const finish = (image: ImageSummary | undefined) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(image);
    };
    const unsubscribe = useAppStore.subscribe((state) => {
      const image = findRow(state.images, result);
      if (image) finish(image);
    });
    const timer = setTimeout(() => finish(findRow(useAppStore.getState().images, result)), CATCH_UP_MS);
    void useAppStore.getState().loadImages().then(() => {
      const image = findRow(useAppStore.getState().images, result);
      if (image) finish(image);
    });
  });
}

/** Opens the Images page on the imported image; false when it is gone (removed since). */
export async function revealImage(result: MadeImage): Promise<boolean> {
  const store = useAppStore;
  store.getState().setPage('images');
  const image = findRow(store.getState().images, result) ?? (await caughtUp(result));
  if (!image) return false;
  const key = rowKey(image);
  const isVisible = () => store.getState().visibleImages.some((candidate) => rowKey(candidate) === key);
  // A filter or the dangling toggle would hide it: showing what was asked for wins over the view's settings.
  if (!isVisible() && image.dangling && !store.getState().showDangling) store.getState().setShowDangling(true);
  if (!isVisible()) store.getState().setFilter('');
  const state = store.getState();
  state.clearSelection();
  state.selectRow(key, 'single');
  state.openDetail(key, rowTarget(image));
  scrollRowIntoView(key);
  return true;
}

/** Once the page (and the pane, which narrows it) has rendered: the virtual grid only has the rows in view. */
function scrollRowIntoView(key: string, framesLeft = 30): void {
  requestAnimationFrame(() => {
    const scroller = document.querySelector<HTMLElement>('[role=grid][aria-label="Images"] .grid-scroll');
    const index = useAppStore.getState().visibleImages.findIndex((image) => rowKey(image) === key);
    if (!scroller || index < 0) {
      if (framesLeft > 0) scrollRowIntoView(key, framesLeft - 1);
      return;
    }
    const top = index * ROW_HEIGHT;
    if (top < scroller.scrollTop || top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = Math.max(0, top - (scroller.clientHeight - ROW_HEIGHT) / 2);
    }
    focusRow(scroller, key);
  });
}

/** Keyboard users carry on from the row (the grid's roving Tab stop), not from the toast that just went away. */
function focusRow(scroller: HTMLElement, key: string, framesLeft = 10): void {
  requestAnimationFrame(() => {
    const row = scroller.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key)}"]`);
    if (row) row.focus({ preventScroll: true });
    else if (framesLeft > 0) focusRow(scroller, key, framesLeft - 1);
  });
}
