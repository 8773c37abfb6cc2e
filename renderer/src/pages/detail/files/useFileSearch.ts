// The Files tab's search: what the box says, asked of the core a moment after typing stops (a fragment or a glob,
// in the view on screen), only the latest answer kept. Matches of an older text are dropped at once: a key pressed
// in the list must never pick a path the box no longer asks for.
import { useEffect, useState } from 'react';
import type { ImageFileSearchResult } from '../../../../../shared/api';
import { toErrorPayload } from '../../../../../shared/errors';
import { getBridge } from '../../../bridge/index';
import type { FilesView } from './file-cache';

const DEBOUNCE_MS = 250;
export const SEARCH_LIMIT = 500;

export interface SearchState {
  /** The trimmed text searched for; '' when the box is empty (the tree shows). */
  pattern: string;
  /** Asked, no answer yet. */
  pending: boolean;
  result: ImageFileSearchResult | null;
  error: string | null;
}

const IDLE: SearchState = { pattern: '', pending: false, result: null, error: null };

export function useFileSearch(imageId: string, view: FilesView, query: string): SearchState {
  const [search, setSearch] = useState<SearchState>(IDLE);
  const pattern = query.trim();
  useEffect(() => {
    if (pattern === '') {
      setSearch(IDLE);
      return;
    }
    let live = true;
    setSearch({ pattern, pending: true, result: null, error: null });
    const timer = setTimeout(() => {
      getBridge()
        .searchImageFiles(imageId, view === null ? { pattern, limit: SEARCH_LIMIT } : { pattern, layer: view, limit: SEARCH_LIMIT })
        .then((result) => live && setSearch({ pattern, pending: false, result, error: null }))
        .catch((err: unknown) => live && setSearch({ pattern, pending: false, result: null, error: toErrorPayload(err).message }));
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [imageId, view, pattern]);
  return search;
}
