// Which two images the Compare page shows. Kept apart from the app's store: only this page and the actions that
// open it use it, and the page itself is loaded on first use.
import { create } from 'zustand';
import type { ImageSummary } from '../../../../shared/api';
import { displayName, rowTarget } from '../../state/rows';
import { useAppStore } from '../../state/store';

export interface CompareSide {
  /** What the service is asked for: `repo:tag`, or the ID of a dangling image. */
  target: string;
  name: string;
  id: string;
}

interface CompareState {
  a: CompareSide | null;
  /** Null while the user picks the image to compare with. */
  b: CompareSide | null;
}

export const useCompareStore = create<CompareState>()(() => ({ a: null, b: null }));

export function sideOf(image: ImageSummary): CompareSide {
  return { target: rowTarget(image), name: displayName(image), id: image.id };
}

/** Opens the Compare page; two images go older first, so the arrow reads as time does (A → B). */
export function openCompare(first: ImageSummary, second: ImageSummary | null): void {
  const [a, b] = second && Date.parse(second.created) < Date.parse(first.created) ? [second, first] : [first, second];
  useCompareStore.setState({ a: sideOf(a), b: b ? sideOf(b) : null });
  useAppStore.getState().setPage('compare');
}

export function swapCompare(): void {
  const { a, b } = useCompareStore.getState();
  if (a && b) useCompareStore.setState({ a: b, b: a });
}

export function chooseOther(image: ImageSummary): void {
  useCompareStore.setState({ b: sideOf(image) });
}

export function changeOther(): void {
  useCompareStore.setState({ b: null });
}
