// Search as you type: the term and filters settle for DEBOUNCE_MS before a request goes out, and only the newest
// request's answer is shown — an older one that arrives late (the RPC cannot be aborted) is dropped by its sequence
// number. Typing never waits on any of this: the input is plain React state, the request runs beside it.
// More pages come from `loadMore` (the results list calls it as its end scrolls into view).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorPayload, HubSearchResult } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';

export const DEBOUNCE_MS = 250;
/** Results per request: the index's largest page; the list is virtual, so 100 mount no more cards than fit. */
export const PAGE_SIZE = 100;

export interface HubSearchState {
  /** The term the shown results are for ('' before any search). */
  term: string;
  results: HubSearchResult[];
  numResults: number;
  page: number;
  numPages: number;
  /** A request for the first page is out (the term or filters changed). */
  searching: boolean;
  loadingMore: boolean;
  error: ErrorPayload | null;
}

const IDLE: HubSearchState = { term: '', results: [], numResults: 0, page: 0, numPages: 0, searching: false, loadingMore: false, error: null };

export function useHubSearch(term: string, filters: readonly string[]): HubSearchState & { loadMore(): void; retry(): void } {
  const [state, setState] = useState<HubSearchState>(IDLE);
  const seq = useRef(0);
  const [attempt, setAttempt] = useState(0);
  const filterKey = filters.join('\n');
  const query = term.trim();

  useEffect(() => {
    const mine = ++seq.current;
    if (!query) {
      setState(IDLE);
      return;
    }
    setState((s) => ({ ...s, searching: true, error: null }));
    const timer = setTimeout(() => {
      getBridge()
        .searchHub(query, { limit: PAGE_SIZE, filters: filterKey ? filterKey.split('\n') : [] })
        .then((page) => {
          if (seq.current !== mine) return;
          setState({ term: query, results: page.results, numResults: page.numResults, page: page.page, numPages: page.numPages, searching: false, loadingMore: false, error: null });
        })
        .catch((err: unknown) => {
          if (seq.current !== mine) return;
          setState({ ...IDLE, term: query, error: toErrorPayload(err) });
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, filterKey, attempt]);

  // The latest state for loadMore, which must not start a request from inside a state updater (React may run those twice).
  const latest = useRef(state);
  latest.current = state;
  const loadMore = useCallback(() => {
    const s = latest.current;
    if (s.searching || s.loadingMore || s.error || s.page === 0 || s.page >= s.numPages) return;
    const mine = seq.current;
    const next = s.page + 1;
    latest.current = { ...s, loadingMore: true };
    setState((now) => ({ ...now, loadingMore: true }));
    getBridge()
      .searchHub(s.term, { limit: PAGE_SIZE, filters: filterKey ? filterKey.split('\n') : [], page: next })
      .then((page) => {
        if (seq.current !== mine) return;
        setState((now) => {
          // A name the index repeats across pages (its order can shift between requests) is listed once.
          const seen = new Set(now.results.map((r) => r.name));
          return { ...now, results: [...now.results, ...page.results.filter((r) => !seen.has(r.name))], page: next, numPages: page.numPages, loadingMore: false };
        });
      })
      .catch((err: unknown) => {
        if (seq.current !== mine) return;
        setState((now) => ({ ...now, loadingMore: false, error: toErrorPayload(err) }));
      });
  }, [filterKey]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, loadMore, retry };
}
