// Which objects and arrays of the JSON are folded, by the index of the line that opens them.
import { useCallback, useState } from 'react';
import { ancestorsOf, type JsonLine } from './json-lines';

/** "Fold all" keeps the array and the image object open: what is left is the list of the image's top-level keys. */
const FOLD_ALL_FROM_DEPTH = 2;

export interface JsonFolds {
  folded: ReadonlySet<number>;
  setFolded(line: number, fold: boolean): void;
  foldAll(): void;
  expandAll(): void;
  /** Unfolds whatever hides `line`, e.g. to show a search match. */
  reveal(line: number): void;
}

export function useJsonFolds(lines: JsonLine[]): JsonFolds {
  const [folded, setFoldedSet] = useState<ReadonlySet<number>>(() => new Set());

  const setFolded = useCallback((line: number, fold: boolean) => {
    setFoldedSet((previous) => {
      if (previous.has(line) === fold) return previous;
      const next = new Set(previous);
      if (fold) next.add(line);
      else next.delete(line);
      return next;
    });
  }, []);

  const foldAll = useCallback(() => {
    setFoldedSet(new Set(lines.flatMap((line, index) => (line.close !== undefined && line.depth >= FOLD_ALL_FROM_DEPTH ? [index] : []))));
  }, [lines]);

  const expandAll = useCallback(() => setFoldedSet(new Set()), []);

  const reveal = useCallback(
    (line: number) => {
      setFoldedSet((previous) => {
        const hiding = ancestorsOf(lines, line).filter((index) => previous.has(index));
        if (hiding.length === 0) return previous;
        const next = new Set(previous);
        for (const index of hiding) next.delete(index);
        return next;
      });
    },
    [lines],
  );

  return { folded, setFolded, foldAll, expandAll, reveal };
}
