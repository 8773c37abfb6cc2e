// The layer meter: the unpacked size of a layer measured from its compressed bytes as they pass, without holding
// them up beyond its buffer, and without ever failing the pull (no tar, a cut stream: null).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { LayerMeter, metered } from './pull-layer-meter.js';

async function* chunksOf(bytes: Buffer, size = 7_000): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function drain(source: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of source) n += chunk.length;
  return n;
}

describe('LayerMeter', () => {
  it('measures a gzip layer as it passes, every byte passed on unchanged', async () => {
    const layer = await makeRootfsTar({ 'etc/a': 'a'.repeat(3000), 'bin/b': randomBytes(5 * 1024 * 1024) }, { compression: 'gzip' });
    const meter = new LayerMeter();
    expect(await drain(metered(chunksOf(layer), meter))).toBe(layer.length);
    expect(await meter.bytes).toBe(3000 + 5 * 1024 * 1024);
  });

  it('bytes that are no tar: null, and the stream still passes whole', async () => {
    const bytes = randomBytes(3 * 1024 * 1024);
    const meter = new LayerMeter();
    expect(await drain(metered(chunksOf(bytes, 64 * 1024), meter))).toBe(bytes.length);
    expect(await meter.bytes).toBeNull();
  });

  it('a stream that stops short (a dropped connection, a cancel): null, never a hang', async () => {
    const layer = await makeRootfsTar({ 'bin/b': randomBytes(2 * 1024 * 1024) }, { compression: 'gzip' });
    const meter = new LayerMeter();
    const cut = async function* () {
      yield* chunksOf(layer.subarray(0, 100_000));
      throw new Error('connection reset');
    };
    await expect(drain(metered(cut(), meter))).rejects.toThrow('connection reset');
    expect(await meter.bytes).toBeNull();
  });
});
