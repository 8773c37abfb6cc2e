// The import's own checks of its `-c` changes and platform, asked of the service as the user types, so a typo is
// refused before a large file is uploaded. The service runs the parser importRootfs runs (one parser, in the core);
// the name is checked in the page as the tag dialog checks it.
import { useEffect, useState } from 'react';
import type { ImportOptionProblem } from '../../../../shared/api';
import { getBridge } from '../../bridge/index';

export interface ImportCheck {
  /** False while the answer for the current values is still to come: the Import button waits for it. */
  current: boolean;
  /** The `-c` problem, with the 1-based line of the textarea it is about when the service could name one. */
  changes: { message: string; line: number | null } | null;
  platform: string | null;
}

const DEBOUNCE_MS = 150;

/** `changes` as the dialog sends them: trimmed, blank lines dropped. */
export function changeLines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

export function useImportCheck(changesText: string, platformText: string): ImportCheck {
  const changes = changeLines(changesText);
  const platform = platformText.trim();
  const key = JSON.stringify([changes, platform]);
  const nothingToCheck = changes.length === 0 && platform === '';
  const [answer, setAnswer] = useState<{ key: string; problems: ImportOptionProblem[] } | null>(null);

  useEffect(() => {
    if (nothingToCheck) return;
    let live = true;
    const timer = setTimeout(() => {
      getBridge()
        .checkImportOptions({ ...(changes.length ? { changes } : {}), ...(platform ? { platform } : {}) })
        // Unable to ask (the connection dropped): let the import itself check, as it always does.
        .catch((): ImportOptionProblem[] => [])
        .then((problems) => {
          if (live) setAnswer({ key, problems });
        });
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `key` stands for changes and platform.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, nothingToCheck]);

  if (nothingToCheck) return { current: true, changes: null, platform: null };
  // Until the new answer comes, the last one stays on screen (no flicker while typing), but does not count.
  const problems = answer?.problems ?? [];
  const change = problems.find((p) => p.field === 'changes');
  return {
    current: answer?.key === key,
    changes: change ? { message: change.message, line: change.index === undefined ? null : textareaLine(changesText, change.index) } : null,
    platform: problems.find((p) => p.field === 'platform')?.message ?? null,
  };
}

/** The 1-based textarea line of the `index`-th non-blank line. */
function textareaLine(text: string, index: number): number | null {
  let seen = -1;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() && ++seen === index) return i + 1;
  }
  return null;
}
