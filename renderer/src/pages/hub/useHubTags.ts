// The open repository's tags, a page of 100 at a time (Docker Hub's largest), newest first across the pages loaded;
// "Load more" asks for the next. A repository opened after another drops the first one's late answers.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorPayload, HubTag } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';

const TAGS_PAGE = 100;

export interface HubTagsState {
  tags: HubTag[];
  count: number;
  page: number;
  hasNext: boolean;
  loading: boolean;
  error: ErrorPayload | null;
}

export function useHubTags(repository: string | null): HubTagsState & { loadMore(): void; retry(): void } {
  const [state, setState] = useState<HubTagsState>({ tags: [], count: 0, page: 0, hasNext: false, loading: false, error: null });
  const current = useRef<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  const load = useCallback((repo: string, page: number) => {
    setState((s) => ({ ...s, loading: true, error: null }));
    getBridge()
      .hubTags(repo, { page, pageSize: TAGS_PAGE })
      .then((answer) => {
        if (current.current !== repo) return;
        setState((s) => ({
          tags: page === 1 ? answer.tags : [...s.tags, ...answer.tags],
          count: answer.count,
          page,
          hasNext: answer.hasNext,
          loading: false,
          error: null,
        }));
      })
      .catch((err: unknown) => {
        if (current.current !== repo) return;
        setState((s) => ({ ...s, loading: false, error: toErrorPayload(err) }));
      });
  }, []);

  useEffect(() => {
    current.current = repository;
    setState({ tags: [], count: 0, page: 0, hasNext: false, loading: repository !== null, error: null });
    if (repository) load(repository, 1);
  }, [repository, load, attempt]);

  const loadMore = useCallback(() => {
    if (repository && state.hasNext && !state.loading) load(repository, state.page + 1);
  }, [repository, state.hasNext, state.loading, state.page, load]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, loadMore, retry };
}
