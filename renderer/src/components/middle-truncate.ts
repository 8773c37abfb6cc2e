// Cutting a long name in the middle so what tells images apart stays: the start (the registry) and the end (the last
// path segment). Pure, over a `measure` function, so it runs in tests with a fake and in the page with a canvas.

export const ELLIPSIS = '…';

export type Measure = (text: string) => number;

/**
 * `text` shortened to fit `width` with one ellipsis in it. With `keepLastSegment` (repository names) the last `/`
 * segment stays whole when it fits, and the kept start is cut back to a `/` when that loses little, giving
 * "registry.example.com/team/…/very-long-name"; otherwise the start and the end share the room.
 */
export function middleTruncate(text: string, width: number, measure: Measure, keepLastSegment = false): string {
  if (measure(text) <= width) return text;
  if (measure(ELLIPSIS) > width) return '';
  const chars = Array.from(text); // code points: never split a surrogate pair
  const slash = keepLastSegment ? text.lastIndexOf('/') : -1;
  if (slash > 0) {
    const tail = text.slice(slash); // "/very-long-name"
    const headRoom = width - measure(ELLIPSIS + tail);
    if (headRoom >= 0) {
      const head = Array.from(text.slice(0, slash));
      const kept = longestPrefix(head, headRoom, measure);
      return `${atSegment(head.slice(0, kept).join(''))}${ELLIPSIS}${tail}`;
    }
  }
  return balanced(chars, width, measure);
}

/** The most leading characters of `chars` that fit `room`, by binary search: O(log n) measurements. */
function longestPrefix(chars: string[], room: number, measure: Measure): number {
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(chars.slice(0, mid).join('')) <= room) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Ends the kept start at a `/` when that keeps at least half of it: whole segments read better than a stub. */
function atSegment(head: string): string {
  const cut = head.lastIndexOf('/');
  return cut >= 0 && cut + 1 >= head.length / 2 ? head.slice(0, cut + 1) : head;
}

/** Start and end in about equal parts around the ellipsis, the end getting the odd character. */
function balanced(chars: string[], width: number, measure: Measure): string {
  let lo = 0;
  let hi = chars.length - 1;
  const build = (keep: number) => {
    const front = Math.floor(keep / 2);
    return chars.slice(0, front).join('') + ELLIPSIS + chars.slice(chars.length - (keep - front)).join('');
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (measure(build(mid)) <= width) lo = mid;
    else hi = mid - 1;
  }
  return build(lo);
}
