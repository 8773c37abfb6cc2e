// A store file parsed once per version of it. Every listing reads index.json and layer-sizes.json; with 50,000
// tags index.json is some 20 MB and parsing it was most of a warm listing's time (`berth serve` and the app list
// again on every change and every page load). The open descriptor's stamp (own-paths.ts) says whether the file is
// the one parsed last; only then is the parsed value handed out again.
//
// The value is shared by every reader until the file changes, so readers never mutate it: writers read their own
// copy under the write lock (commit.ts, changeLayerSizes) and never through a memo.
import { readOwnFileUnlessSame, type FileStamp } from './own-paths.js';

export class ParsedFileMemo<T> {
  private last: { stamp: FileStamp; value: T } | null = null;

  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
    private readonly parse: (text: string) => T,
  ) {}

  /** The parsed file as it is now; throws what reading or parsing throws (and then remembers nothing new). */
  async read(): Promise<T> {
    const known = this.last;
    const { stamp, text } = await readOwnFileUnlessSame(this.file, this.maxBytes, known?.stamp ?? null);
    if (text === null) return known!.value;
    const value = this.parse(text);
    this.last = { stamp, value };
    return value;
  }
}
