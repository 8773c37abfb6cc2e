// Package databases an image could use to stall the reader: thousands of status.d files in one gzip layer (each
// read used to decompress the layer from its start: quadratic), and files read across layers and links.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog } from '../../image/catalog.js';
import { resolveImage } from '../../image/resolve.js';
import { openStore } from '../../store/store.js';
import type { ImageStore } from '../../store/types.js';
import { imageFilesOf, type ImageFiles } from '../image-files.js';
import { writeLayeredImage } from '../test-support/layered-image.js';
import { readPackages } from './packages.js';

let dir: string;
let store: ImageStore;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-pk-'));
  store = await openStore(path.join(dir, 'store'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function filesOf(reference: string): Promise<ImageFiles> {
  const catalog = new Catalog(store, { persist: false });
  const { records } = await catalog.load();
  return imageFilesOf({ store, catalog }, resolveImage(records, reference).records[0]!);
}

const stanza = (i: number) => `Package: p${i}\nVersion: 1.${i}\nArchitecture: amd64\nDescription: ${'x'.repeat(2000)}\n`;

describe('dpkg status.d', () => {
  it('reads 4,000 files of one gzip layer in one pass, not one pass each', async () => {
    const entries = Array.from({ length: 4000 }, (_, i) => ({ path: `var/lib/dpkg/status.d/p${i}`, content: stanza(i) }));
    await writeLayeredImage(store, [entries], { tag: 'example.com/pk:many', compression: 'gzip' });
    const files = await filesOf('example.com/pk:many');
    const started = Date.now();
    const report = await readPackages(files);
    expect(Date.now() - started).toBeLessThan(20_000); // was ~40 s
    expect(report.packages).toHaveLength(4000);
    expect(report.packages.find((pkg) => pkg.name === 'p3999')?.version).toBe('1.3999');
  });

  it('gives each file its own bytes across layers and symlinks, and says which are too large or missing', async () => {
    await writeLayeredImage(store, [
      [{ path: 'd/a', content: 'A-old' }, { path: 'd/b', content: 'B' }, { path: 'd/big', content: 'x'.repeat(100) }],
      [{ path: 'd/a', content: 'A-new' }, { path: 'd/c', type: 'symlink', target: '/d/b' }],
    ], { tag: 'example.com/pk:layers', compression: 'gzip' });
    const files = await filesOf('example.com/pk:layers');
    const read = await files.readFiles!(['/d/a', '/d/c', '/d/big', '/d/none', '/d', '/d/b'], 50, 1000);
    expect(read.map((bytes) => (Buffer.isBuffer(bytes) ? bytes.toString() : bytes))).toEqual(['A-new', 'B', 'too-large', null, null, 'B']);
    // The total: once 6 bytes are read, the next file is too large.
    const capped = await files.readFiles!(['/d/a', '/d/b', '/d/c'], 50, 6);
    expect(capped.map((bytes) => (Buffer.isBuffer(bytes) ? bytes.toString() : bytes))).toEqual(['A-new', 'B', 'too-large']);
  });
});
