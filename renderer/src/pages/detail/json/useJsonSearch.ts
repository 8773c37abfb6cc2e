// The find-in-JSON state: the query, its matches over the printed lines and the current one, which is unfolded and
// scrolled to whenever the user moves to it.
import { useCallback, useMemo, useState } from 'react';
import { findMatches, stepMatch, type Match } from './json-search';

export interface JsonSearch {
  query: string;
  setQuery(query: string): void;
  matches: Match[];
  current: number;
  step(delta: number): void;
  /** Bumped on every move, so the view knows to bring the current match into sight. */
  moves: number;
}

export function useJsonSearch(texts: readonly string[], reveal: (line: number) => void): JsonSearch {
  const [query, setQueryState] = useState('');
  const [current, setCurrent] = useState(-1);
  const [moves, setMoves] = useState(0);
  const matches = useMemo(() => findMatches(texts, query), [texts, query]);

  const goTo = useCallback(
    (index: number, list: Match[]) => {
      setCurrent(index);
      const match = list[index];
      if (match) {
        reveal(match.line);
        setMoves((count) => count + 1);
      }
    },
    [reveal],
  );

  const setQuery = useCallback(
    (next: string) => {
      setQueryState(next);
      const list = findMatches(texts, next);
      goTo(list.length > 0 ? 0 : -1, list);
    },
    [texts, goTo],
  );

  // The image can change underneath (a new tag): keep the current match within the new list.
  const shown = matches.length === 0 ? -1 : Math.min(Math.max(current, 0), matches.length - 1);
  const step = useCallback((delta: number) => goTo(stepMatch(shown, matches.length, delta), matches), [shown, matches, goTo]);

  return { query, setQuery, matches, current: shown, step, moves };
}
