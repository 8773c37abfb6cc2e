// The load's streaming pass (spool.ts): an archive with more entries than any image archive has is refused as the
// entries pass, before it has cost a blob write per entry.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { spoolArchive, type WriteBlob } from './spool.js';

describe('spoolArchive', () => {
  it('refuses an archive past its entry limit, having written no more than the limit', async () => {
    const tar = await makeRootfsTar(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}`, `${i}\n`])));
    let writes = 0;
    const writeBlob: WriteBlob = async (stream) => {
      writes += 1;
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of stream) {
        hash.update(chunk);
        size += chunk.length;
      }
      return { digest: `sha256:${hash.digest('hex')}`, size };
    };
    await expect(spoolArchive(writeBlob, Readable.from([tar]), { maxEntries: 10 })).rejects.toMatchObject({
      code: 'INVALID_ARCHIVE', message: expect.stringContaining('more than 10 entries'),
    });
    expect(writes).toBeLessThanOrEqual(10);
    expect((await spoolArchive(writeBlob, Readable.from([tar]), { maxEntries: 50 })).files.size).toBe(50);
  });
});
