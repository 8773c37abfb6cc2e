// The corpus of crafted archives (test-support/tar-corpus.ts) read by Berth's scanner and root-filesystem rules,
// without any peer: what Berth hands on, or the refusal, for every case. tar-go.umoci.test.ts checks the same
// corpus against Go's archive/tar through umoci.
import { describe, expect, it } from 'vitest';
import { CORPUS } from './test-support/tar-corpus.js';
import { describeEntry, readWithBerth } from './test-support/tar-read.js';

describe('Berth reads the crafted corpus as Go does, or refuses it', () => {
  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', (_name, corpusCase) => {
    for (const chunkSize of [corpusCase.bytes.length, 7, 512]) {
      const result = readWithBerth(corpusCase.bytes, chunkSize);
      if (corpusCase.berth instanceof RegExp) {
        expect('error' in result ? result.error.message : JSON.stringify(result.entries.map(describeEntry))).toMatch(corpusCase.berth);
      } else {
        expect('entries' in result ? result.entries.map(describeEntry) : result.error.message).toEqual(corpusCase.berth);
      }
    }
  });
});
