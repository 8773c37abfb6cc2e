import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { verifyBlob } from './verify.js';
import { contentRangeStart } from './blob.js';
import { nextLink } from './tags.js';

const bytes = Buffer.from('the bytes of a layer, in two chunks');
const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

async function run(chunks: Buffer[], verifier: Writable): Promise<number> {
  let length = 0;
  await pipeline(Readable.from(chunks), verifier, new Writable({
    write(chunk: Buffer, _e, done) {
      length += chunk.length;
      done();
    },
  }));
  return length;
}

describe('verifyBlob', () => {
  it('passes the right bytes through', async () => {
    expect(await run([bytes.subarray(0, 10), bytes.subarray(10)], verifyBlob({ digest, size: bytes.length }))).toBe(bytes.length);
  });

  it('refuses wrong bytes, a short blob and an overrun', async () => {
    const flipped = Buffer.from(bytes);
    flipped[3] = flipped[3]! ^ 1;
    await expect(run([flipped], verifyBlob({ digest, size: bytes.length }))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH' });
    await expect(run([bytes.subarray(1)], verifyBlob({ digest, size: bytes.length }))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH', message: expect.stringContaining(`${bytes.length - 1} bytes`) });
    await expect(run([bytes, Buffer.from('more')], verifyBlob({ digest, size: bytes.length }))).rejects.toMatchObject({ code: 'DIGEST_MISMATCH', message: expect.stringContaining('more than') });
  });

  it('carries on the hash of the bytes before a resume offset', async () => {
    const hash = createHash('sha256').update(bytes.subarray(0, 12));
    expect(await run([bytes.subarray(12)], verifyBlob({ digest, size: bytes.length }, { offset: 12, hash }))).toBe(bytes.length - 12);
    expect(() => verifyBlob({ digest, size: bytes.length }, { offset: 12 })).toThrow('needs the hash');
  });
});

describe('range and link headers', () => {
  it('reads where a 206 answer starts', () => {
    expect(contentRangeStart('bytes 100-199/200')).toBe(100);
    expect(contentRangeStart('bytes 0-9/*')).toBe(0);
    expect(contentRangeStart('items 1-2/3')).toBeNull();
    expect(contentRangeStart(undefined)).toBeNull();
  });

  it('finds rel="next" among links', () => {
    expect(nextLink('</v2/a/tags/list?n=2&last=v2>; rel="next"')).toBe('/v2/a/tags/list?n=2&last=v2');
    expect(nextLink('<https://x/prev>; rel="prev", <https://x/next?a=1,2>; rel=next')).toBe('https://x/next?a=1,2');
    expect(nextLink('<https://x/p>; rel="prev"')).toBeNull();
    expect(nextLink(undefined)).toBeNull();
  });
});
