// `berth load` as a user runs it: the built command, a real store, docker's output lines.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../core/testing/cli.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { legacyArchiveEntries, ociArchiveEntries, testImage } from '../core/tarball/test-support/archives.js';

let dir: string;
let store: string;
const berth = (args: string[], input?: Buffer) => runCli(args, { store, ...(input !== undefined ? { input } : {}) });

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-load-cli-'));
  store = path.join(dir, 'store');
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('berth load', () => {
  it('prints docker\'s Loaded image lines, from -i FILE and from stdin', async () => {
    const image = await testImage();
    const file = path.join(dir, 'saved.tar');
    await writeFile(file, await makeRootfsTar(legacyArchiveEntries([{ image, tags: ['web:1', '127.0.0.1:5000/team/web:2'] }])));
    const fromFile = await berth(['load', '-i', file]);
    expect(fromFile).toMatchObject({ code: 0, stderr: '', stdout: 'Loaded image: web:1\nLoaded image: 127.0.0.1:5000/team/web:2\n' });
    const untagged = await testImage();
    const fromStdin = await berth(['image', 'load', '-q'], await makeRootfsTar(ociArchiveEntries([{ image: untagged, tags: [] }])));
    expect(fromStdin).toMatchObject({ code: 0, stdout: `Loaded image ID: sha256:${untagged.configHex}\n` });
  });

  it('says what is wrong with a bad archive and exits 1', async () => {
    const result = await berth(['load'], Buffer.from('plain text, not an archive\n'.repeat(40)));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^Error: /);
    const missing = await berth(['load', '-i', path.join(dir, 'nope.tar')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.tar/);
  });
});
