// Where a long reference may wrap: after a run of separators, so `https://example.com/a-b` wraps as
// `https://` `example.` `com/` `a-` `b` and never in the middle of a word. Runs stay whole ("://", "--"), and a
// trailing run stays on its segment, so nothing wraps before punctuation.
const SEPARATORS = new Set(['/', '.', '-', '_', ':', '=', '@', '?', '&', '#', ',', '+', ';', '|']);

/** The text cut into pieces that each end at a break point; joining them gives the text back. */
export function breakSegments(text: string): string[] {
  const segments: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    if (!SEPARATORS.has(text[index]!)) continue;
    // Only break after the last separator of a run, and not at the end of the text.
    const next = index + 1;
    if (next >= text.length || SEPARATORS.has(text[next]!)) continue;
    segments.push(text.slice(start, next));
    start = next;
  }
  if (start < text.length || segments.length === 0) segments.push(text.slice(start));
  return segments;
}
