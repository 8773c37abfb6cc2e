// An archive's entries with their data, read in one streaming pass: the TarScanner (Go's archive/tar reading)
// sees every block synchronously; this hands each entry's bytes to an asynchronous sink with backpressure, so a
// multi-GiB entry is never held in memory and a slow sink (a blob write) slows the read instead of buffering.
import type { TarEntry } from './tar-scan.js';
import { TarScanner } from './tar-scan.js';

/** Where one entry's data goes: `write` may wait (backpressure); `end` comes after the last byte. */
export interface EntrySink {
  write(bytes: Uint8Array): void | Promise<void>;
  end(): Promise<void>;
}

type Event = { kind: 'entry'; entry: TarEntry } | { kind: 'data'; bytes: Uint8Array } | { kind: 'end' };

/**
 * Reads the tar in `source`; `onEntry` is called for each entry in order and may return a sink for its data
 * (data of an entry without a sink is skipped). Rejects with the scanner's INVALID_ARCHIVE error for a damaged or
 * truncated archive, or with the first error a handler throws.
 */
export async function readTarEntries(
  source: AsyncIterable<Uint8Array>,
  onEntry: (entry: TarEntry) => Promise<EntrySink | undefined> | EntrySink | undefined,
): Promise<{ entries: number }> {
  const events: Event[] = [];
  const scanner = new TarScanner((entry) => events.push({ kind: 'entry', entry }), {
    onData: (bytes) => events.push({ kind: 'data', bytes }),
    onEntryEnd: () => events.push({ kind: 'end' }),
  });
  let sink: EntrySink | undefined;
  const drain = async () => {
    // Events are taken one at a time: a handler that throws leaves the rest unprocessed, as it should.
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      if (event.kind === 'entry') sink = await onEntry(event.entry);
      else if (event.kind === 'data') await sink?.write(event.bytes);
      else {
        const ending = sink;
        sink = undefined;
        await ending?.end();
      }
    }
    events.length = 0;
  };
  for await (const chunk of source) {
    if (scanner.ended) continue; // bytes after the end-of-archive marker are read (a stream must drain) but not tar
    scanner.push(chunk);
    await drain();
  }
  scanner.end();
  await drain();
  return { entries: scanner.entries };
}
