// What changed inside a changed file: both images' previews of the path (the Files tab's previewImageFile, text up
// to its limit) as a unified line diff, or why there is none (binary, too large, not a regular file).
import { useEffect, useState } from 'react';
import type { ImageFilePreview } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { lineDiff, type LineDiff } from './line-diff';

/** Arrow keys run down the tree quickly: a path is asked for once the current row rests. */
const SETTLE_MS = 150;

type State = { path: string; result: LineDiff | string } | null;

const REASONS: Record<NonNullable<ImageFilePreview['reason']>, string> = {
  binary: 'binary content',
  'too-large': 'too large to preview',
  'not-a-file': 'not a regular file',
};

export function ContentDiff({ a, b, path }: { a: string; b: string; path: string }) {
  const [state, setState] = useState<State>(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      const bridge = getBridge();
      Promise.all([bridge.previewImageFile(a, path), bridge.previewImageFile(b, path)]).then(
        ([before, after]) => {
          if (!current) return;
          const why = before.text === undefined ? before.reason : after.text === undefined ? after.reason : undefined;
          const side = before.text === undefined ? 'A' : 'B';
          setState({ path, result: why ? `No line diff: in ${side} the file is ${REASONS[why]}.` : lineDiff(before.text!, after.text!) });
        },
        (err: unknown) => current && setState({ path, result: toErrorPayload(err).message }),
      );
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [a, b, path]);

  const result = state?.path === path ? state.result : null;
  return (
    <section className="content-diff" aria-label={`Changes inside ${path}`}>
      <h3 className="content-diff-title">
        Inside <code>{path}</code>
      </h3>
      {result === null ? (
        <p className="muted small">Reading both versions…</p>
      ) : typeof result === 'string' ? (
        <p className="muted small">{result}</p>
      ) : 'tooLarge' in result ? (
        <p className="muted small">Too many lines differ to show them line by line.</p>
      ) : result.hunks.length === 0 ? (
        <p className="muted small">The text is the same; only the file's metadata changed.</p>
      ) : (
        <pre className="content-diff-lines">
          {result.hunks.map((hunk, index) => (
            <div key={index} className="content-diff-hunk">
              {hunk.lines.map((line, at) => (
                <div key={at} className={`content-line line-${line.kind === '+' ? 'add' : line.kind === '-' ? 'del' : 'same'}`}>
                  <span className="line-no" aria-hidden="true">{line.before ?? ''}</span>
                  <span className="line-no" aria-hidden="true">{line.after ?? ''}</span>
                  <span className="line-sign">{line.kind}</span>
                  <span className="line-text">{line.text}</span>
                </div>
              ))}
            </div>
          ))}
        </pre>
      )}
    </section>
  );
}
