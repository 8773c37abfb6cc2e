// fsck: is the layout readable, does every reference resolve to a blob of the right size (and digest),
// and is everything in blobs/ a well-named regular file?
//
// `ok` is false for missing, corrupt, invalid and stray. Orphans (unreferenced blobs, e.g. after a writer
// was killed before its commit) are reported but keep `ok` true: they waste space, break nothing, and gc
// removes them. Blobs leased by a live write session are not orphans.
import { readCompressedLayers } from './compressed-layers.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { hashFile } from './blob-read.js';
import { listBlobDir, type BlobDirEntry } from './blob-list.js';
import { readIndexFile } from './index-file.js';
import { readOwnFile } from './own-paths.js';
import { liveLeasedDigests } from './leases.js';
import type { StorePaths } from './paths.js';
import { type Descriptor, isForeignLayer } from '../oci/descriptor.js';
import type { StoreFsckProblem, StoreFsckReport } from './types.js';
import { walkReferences, type WalkReader } from './walk.js';
import { mayBeAbsent } from './sparse-index.js';

export async function checkStore(paths: StorePaths, reader: WalkReader, verifyContent: boolean): Promise<StoreFsckReport> {
  const problems: StoreFsckProblem[] = [];
  const report = (kind: StoreFsckProblem['kind'], subject: string, detail: string) => problems.push({ kind, subject, detail });
  const finish = (checkedBlobs: number): StoreFsckReport => ({
    ok: problems.every((p) => p.kind === 'orphan'),
    checkedBlobs,
    problems,
  });

  await checkLayoutFile(paths, report);
  let roots: Descriptor[];
  try {
    roots = (await readIndexFile(paths)).manifests;
  } catch (err) {
    report('invalid', 'index.json', (err as Error).message);
    return finish(0);
  }

  // What is in blobs/ and is it sane?
  const onDisk = new Map<string, number>();
  for (const entry of await fs.readdir(paths.blobs, { withFileTypes: true }).catch(() => [])) {
    if (entry.name !== 'sha256') report('stray', `blobs/${entry.name}`, 'unexpected entry (only blobs/sha256 is used)');
  }
  const blobProblems: Record<Exclude<BlobDirEntry['kind'], 'blob'>, [StoreFsckProblem['kind'], string]> = {
    misnamed: ['invalid', 'file name is not a lowercase sha256 hex digest'],
    symlink: ['stray', 'symbolic link, not a blob'],
    directory: ['stray', 'not a regular file'],
    special: ['stray', 'not a regular file'],
  };
  for (const entry of await listBlobDir(paths)) {
    if (entry.kind === 'blob') onDisk.set(entry.digest, entry.size);
    else {
      const [kind, detail] = blobProblems[entry.kind];
      report(kind, `blobs/sha256/${entry.name}`, detail);
    }
  }

  const corrupt = new Set<string>();
  const verify = async (digest: string): Promise<boolean> => {
    if (!verifyContent) return true;
    const actual = await hashFile(path.join(paths.sha256, digest.slice(7))).catch((err: Error) => `unreadable: ${err.message}`);
    if (actual === digest) return true;
    corrupt.add(digest);
    report('corrupt', digest, `content hashes to ${actual}`);
    return false;
  };

  const verified = new Set<string>();
  const referenced = await walkReferences(reader, roots, {
    visit: async (descriptor, parent) => {
      const where = parent ? `referenced by ${parent.digest}` : 'named in index.json';
      const size = onDisk.get(descriptor.digest);
      if (size === undefined) {
        if (!isForeignLayer(descriptor) && !mayBeAbsent(descriptor, parent)) report('missing', descriptor.digest, `${descriptor.mediaType}, ${where}`);
        return false;
      }
      verified.add(descriptor.digest);
      if (size !== descriptor.size) {
        corrupt.add(descriptor.digest);
        report('corrupt', descriptor.digest, `${size} bytes on disk, descriptor (${where}) says ${descriptor.size}`);
        return false;
      }
      return verify(descriptor.digest);
    },
    onInvalidDigest: (descriptor, parent) => {
      report('invalid', String(descriptor.digest), `unsupported or malformed digest, referenced by ${parent?.digest ?? 'index.json'}`);
    },
    onUnreadable: (descriptor, error) => {
      if (corrupt.has(descriptor.digest)) return;
      const reason = error instanceof BerthError ? error.message : String(error);
      report('corrupt', descriptor.digest, `manifest cannot be read: ${reason}`);
    },
  });

  const leased = await liveLeasedDigests(paths);
  // gc keeps a referenced layer's gzip twin (compressed-layers.ts): not an orphan either.
  const twins = new Set([...(await readCompressedLayers(paths))].filter(([layer]) => referenced.has(layer)).map(([, twin]) => twin.digest));
  for (const digest of onDisk.keys()) {
    if (referenced.has(digest) || twins.has(digest)) continue;
    if (!(await verify(digest))) continue;
    verified.add(digest);
    if (!leased.has(digest)) report('orphan', digest, 'not referenced by index.json (gc removes it)');
  }
  return finish(verified.size);
}

async function checkLayoutFile(paths: StorePaths, report: (k: StoreFsckProblem['kind'], s: string, d: string) => void): Promise<void> {
  try {
    const layout = JSON.parse(await readOwnFile(paths.ociLayout, 64 * 1024)) as { imageLayoutVersion?: unknown };
    if (typeof layout.imageLayoutVersion !== 'string') report('invalid', 'oci-layout', 'imageLayoutVersion is missing');
  } catch (err) {
    report('invalid', 'oci-layout', (err as Error).message);
  }
}
