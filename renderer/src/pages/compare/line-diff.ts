// A unified line diff of two texts (what `diff -u` shows): the common start and end trimmed, the middle by longest
// common subsequence, then hunks with three lines of context. The texts are previews (512 KB at most); a middle
// too large to compare line by line is reported as such rather than freezing the page.

export interface DiffLine {
  kind: ' ' | '-' | '+';
  text: string;
  /** Line numbers in A and in B (1-based), where the line exists there. */
  before?: number;
  after?: number;
}

export interface DiffHunk {
  lines: DiffLine[];
}

export type LineDiff = { hunks: DiffHunk[] } | { tooLarge: true };

const MAX_CELLS = 2_000_000;
const CONTEXT = 3;

export function lineDiff(before: string, after: string): LineDiff {
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (n * m > MAX_CELLS) return { tooLarge: true };
  // lcs[i][j]: the longest common subsequence of a[start+i..endA) and b[start+j..endB), row-major (n+1)×(m+1).
  const width = m + 1;
  const lcs = new Uint16Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
    }
  }
  const all: DiffLine[] = [];
  for (let k = 0; k < start; k++) all.push({ kind: ' ', text: a[k]!, before: k + 1, after: k + 1 });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      all.push({ kind: ' ', text: a[start + i]!, before: start + i + 1, after: start + j + 1 });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
      all.push({ kind: '+', text: b[start + j]!, after: start + j + 1 });
      j++;
    } else {
      all.push({ kind: '-', text: a[start + i]!, before: start + i + 1 });
      i++;
    }
  }
  for (let k = 0; k < a.length - endA; k++) all.push({ kind: ' ', text: a[endA + k]!, before: endA + k + 1, after: endB + k + 1 });
  return { hunks: hunksOf(all) };
}

/** Deletions before additions within a change, as diff -u prints them. */
function hunksOf(lines: DiffLine[]): DiffHunk[] {
  const changed = lines.map((line) => line.kind !== ' ');
  const hunks: DiffHunk[] = [];
  let at = 0;
  while (at < lines.length) {
    const first = changed.indexOf(true, at);
    if (first === -1) break;
    let last = first;
    // Extend while the next change is within two contexts' reach, so nearby changes share a hunk.
    for (let k = first; k < lines.length && k <= last + 2 * CONTEXT; k++) if (changed[k]) last = k;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(lines.length, last + CONTEXT + 1);
    hunks.push({ lines: orderRuns(lines.slice(from, to)) });
    at = to;
  }
  return hunks;
}

function orderRuns(lines: DiffLine[]): DiffLine[] {
  const out: DiffLine[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.kind === '-') removed.push(line);
    else if (line.kind === '+') added.push(line);
    else {
      flush();
      out.push(line);
    }
  }
  flush();
  return out;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}
