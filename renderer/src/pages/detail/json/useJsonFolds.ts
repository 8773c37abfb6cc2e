// Which objects and arrays of the JSON are folded, by their path (`[0].Config.Env`) rather than their line, so the
// folds stay on the same nodes when the image changes underneath (a new tag shifts every line below RepoTags).
import { useCallback, useState } from 'react';
import { ancestorsOf, type JsonLine } from './json-lines';

/** "Fold all" keeps the array and the image object open: what is left is the list of the image's top-level keys. */
const FOLD_ALL_FROM_DEPTH = 2;

export interface JsonFolds {
  folded: ReadonlySet<string>;
  setFolded(path: string, fold: boolean): void;
  foldAll(): void;
  expandAll(): void;
  /** Unfolds whatever hides line `line`, e.g. to show a search match. */
  reveal(line: number): void;
}

export function useJsonFolds(lines: JsonLine[]): JsonFolds {
  const [folded, setFoldedSet] = useState<ReadonlySet<string>>(() => new Set());

  const setFolded = useCallback((path: string, fold: boolean) => {
    setFoldedSet((previous) => {
      if (previous.has(path) === fold) return previous;
      const next = new Set(previous);
      if (fold) next.add(path);
      else next.delete(path);
      return next;
    });
  }, []);

  const foldAll = useCallback(() => {
    setFoldedSet(new Set(lines.flatMap((line) => (line.path !== undefined && line.depth >= FOLD_ALL_FROM_DEPTH ? [line.path] : []))));
  }, [lines]);

  const expandAll = useCallback(() => setFoldedSet(new Set()), []);

  const reveal = useCallback(
    (line: number) => {
      setFoldedSet((previous) => {
        const hiding = ancestorsOf(lines, line)
          .map((index) => lines[index]!.path!)
          .filter((path) => previous.has(path));
        if (hiding.length === 0) return previous;
        const next = new Set(previous);
        for (const path of hiding) next.delete(path);
        return next;
      });
    },
    [lines],
  );

  return { folded, setFolded, foldAll, expandAll, reveal };
}
