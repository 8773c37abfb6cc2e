// Issue 7 items 2 and 3 against the real reader: every archive of the crafted corpus (test-support/tar-corpus.ts)
// is read by Berth and unpacked by umoci, which reads layers with Go's archive/tar as docker and containerd do.
// Where Berth accepts, the tree umoci unpacked (walked with lstat) must be the tree the entries Berth checked make;
// where Berth refuses, the case documents what Go did instead (`go`), and that is checked too. The OCI layout that
// feeds umoci is written here by hand (one uncompressed layer = the archive), independent of Berth's store.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPeer, isRoot } from '../testing/peers.mjs';
import { CORPUS } from './test-support/tar-corpus.js';
import { describeEntry, describeTree, expectedTree, readWithBerth, type TreeNode } from './test-support/tar-read.js';

const umoci = findPeer('umoci');
if (!umoci) console.warn('tar-go.umoci.test.ts: umoci is not installed, so the corpus is not checked against Go; `node scripts/provision.mjs` installs it (Debian package umoci).');

const work = mkdtempSync(path.join(os.tmpdir(), 'berth-tar-go-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const digestOf = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** An OCI layout whose image `t` has the archive as its one layer. */
function layoutWith(layer: Buffer, dir: string): void {
  const blobs = path.join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (bytes: Buffer) => {
    const digest = digestOf(bytes);
    writeFileSync(path.join(blobs, digest.slice('sha256:'.length)), bytes);
    return { digest, size: bytes.length };
  };
  const config = put(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: [digestOf(layer)] } })));
  const manifest = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', ...put(layer) }],
      }),
    ),
  );
  writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  const ref = { 'org.opencontainers.image.ref.name': 't' };
  writeFileSync(path.join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest, annotations: ref }] }));
}

/** umoci's unpacked rootfs, or its error. */
function unpackWithUmoci(layer: Buffer, name: string): { tree: Map<string, TreeNode> } | { error: string } {
  const dir = path.join(work, name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60));
  layoutWith(layer, path.join(dir, 'layout'));
  const bundle = path.join(dir, 'bundle');
  const result = spawnSync(umoci!, ['unpack', ...(isRoot() ? [] : ['--rootless']), '--image', `${path.join(dir, 'layout')}:t`, bundle], { encoding: 'utf8' });
  if (result.status !== 0) return { error: result.stderr || `exit ${result.status}` };
  return { tree: walk(path.join(bundle, 'rootfs')) };
}

function walk(root: string): Map<string, TreeNode> {
  const tree = new Map<string, TreeNode>();
  const visit = (rel: string) => {
    for (const name of readdirSync(path.join(root, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      const full = path.join(root, child);
      const stat = lstatSync(full);
      const inode = Number(stat.ino);
      if (stat.isDirectory()) {
        tree.set(child, { kind: 'dir', inode });
        visit(child);
      } else if (stat.isSymbolicLink()) tree.set(child, { kind: 'symlink', target: readlinkSync(full), inode });
      else if (stat.isFile()) tree.set(child, { kind: 'file', size: stat.size, inode });
      else tree.set(child, { kind: stat.isFIFO() ? 'fifo' : 'other', inode });
    }
  };
  visit('');
  return tree;
}

describe.skipIf(!umoci)('Berth and Go (umoci) read the crafted corpus alike', () => {
  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', (name, corpusCase) => {
    const berth = readWithBerth(corpusCase.bytes);
    const go = unpackWithUmoci(corpusCase.bytes, name);
    if ('entries' in berth) {
      if (corpusCase.umociRefuses) {
        expect('error' in go ? 'refuses' : describeTree(go.tree), corpusCase.umociRefuses).toBe('refuses');
        return;
      }
      const expected = describeTree(expectedTree(berth.entries));
      expect('tree' in go ? describeTree(go.tree) : go.error, `Berth checked ${JSON.stringify(berth.entries.map(describeEntry))}`).toEqual(expected);
      return;
    }
    if (corpusCase.go !== undefined) {
      expect('error' in go ? 'refuses' : describeTree(go.tree), `Berth refused: ${berth.error.message}`).toEqual(corpusCase.go);
    }
  });

  it('covers every case with a verdict from Go', () => {
    expect(CORPUS.filter((c) => c.berth instanceof RegExp && c.go === undefined).map((c) => c.name)).toEqual([]);
  });
});
