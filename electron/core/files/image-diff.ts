// Two images' merged filesystems compared as `docker diff` compares a container's with its image: moby's
// pkg/archive/changes.go (ChangesDirs -> FileInfo.addChanges, statDifferent, sameFsTime). Like docker, no file's
// bytes are read: a path present in both is Changed when its type, mode bits, owner, device numbers differ or,
// for anything but a folder, its mtime (sameFsTime: equal, or the same second with one side lacking a fraction, as
// tar headers often do), its size or its link target. A folder's mtime and size are never compared ("not a good
// measure of change"), so a folder is listed only for its own mode/owner, or — as docker does — as C because
// something below it changed. Equal facts mean unchanged wherever the bytes come from: an entry of the very same
// layer (same diff ID and offset) is necessarily so, and a rebuilt file of equal size and mtime is docker's blind
// spot too. Hard links compare as the regular files they are on disk (a commit may store a file as a link to a twin).
// moby also compares the security.capability xattr; the layer index keeps no xattrs, so a change of file
// capabilities alone goes unseen here.
//
// Folders added or deleted are listed with everything below them. For an added folder that is what moby lists too
// (addChanges recurses into it with no old children). For a deleted folder docker lists only the folder (its walk
// stops at the whiteout), and for a folder that became a file only the C: we list what they held as Deleted too,
// on purpose, so the bytes freed are there to see and add up (image-diff.docker.test.ts shows the difference).
import type { ImageFileKind } from '../../../shared/api/files.js';
import type { DiffFacts, DiffField, ImageDiff, ImageDiffChange, ImageDiffSide } from '../../../shared/api/diff.js';
import { formatPlatform } from '../oci/platform.js';
import { diffConfigs, sharedPrefix } from './config-diff.js';
import type { ImageFiles } from './image-files.js';
import type { FileNode } from './merged-tree.js';

export function diffImages(a: ImageFiles, b: ImageFiles): ImageDiff {
  const changes = diffTrees(a.merged.root, b.merged.root);
  const summary = { added: 0, changed: 0, deleted: 0, delta: b.merged.root.size - a.merged.root.size };
  for (const change of changes) {
    if (change.kind === 'A') summary.added++;
    else if (change.kind === 'D') summary.deleted++;
    else if (!change.inside) summary.changed++;
  }
  return {
    a: sideOf(a),
    b: sideOf(b),
    changes,
    summary,
    config: diffConfigs(a.config, b.config),
    sharedLayers: sharedPrefix(a.layers.map((l) => l.diffId), b.layers.map((l) => l.diffId)),
  };
}

function sideOf(files: ImageFiles): ImageDiffSide {
  const { record, merged } = files;
  return {
    reference: record.reference,
    id: record.id,
    platform: formatPlatform(record.platform),
    created: record.created,
    size: merged.root.size,
    entries: merged.root.descendants,
    layers: files.layers.length,
  };
}

/** The changes from `a` to `b`, sorted by path. Walks both trees once; paths are built only for what is listed. */
export function diffTrees(a: FileNode, b: FileNode): ImageDiffChange[] {
  const changes: ImageDiffChange[] = [];
  const frames: Frame[] = [];
  const stack: Frame[] = [{ before: a, after: b, dir: '', parent: null, listed: true, changed: false }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    frames.push(frame);
    const { before, after, dir } = frame;
    const oldChildren = before.children!;
    const count = changes.length;
    for (const [name, next] of after.children!) {
      const prev = oldChildren.get(name);
      if (!prev) {
        listAll(changes, 'A', next, `${dir}/${name}`);
        continue;
      }
      const fields = differences(prev, next);
      if (fields !== null) changes.push(changeOf('C', `${dir}/${name}`, prev, next, fields));
      if (next.children && prev.children) stack.push({ before: prev, after: next, dir: `${dir}/${name}`, parent: frame, listed: fields !== null, changed: false });
      else if (next.children) for (const [childName, child] of next.children) listAll(changes, 'A', child, `${dir}/${name}/${childName}`);
      else if (prev.children) for (const [childName, child] of prev.children) listAll(changes, 'D', child, `${dir}/${name}/${childName}`);
    }
    for (const [name, prev] of oldChildren) if (!after.children!.has(name)) listAll(changes, 'D', prev, `${dir}/${name}`);
    if (changes.length > count) for (let at: Frame | null = frame; at && !at.changed; at = at.parent) at.changed = true;
  }
  // moby's addChanges lists a folder as C when anything below it changed, "to properly save and restore filesystem
  // permissions" (the root excepted); those not listed for their own facts are marked `inside`.
  for (const frame of frames) {
    if (frame.changed && !frame.listed) changes.push({ kind: 'C', path: frame.dir, type: 'dir', size: 0, sizeBefore: 0, delta: 0, fields: [], inside: true });
  }
  return changes.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

/** A folder both images have, walked once; `changed` when anything at or below it is listed. */
interface Frame {
  before: FileNode;
  after: FileNode;
  dir: string;
  parent: Frame | null;
  /** Listed for its own facts (or the root, never listed). */
  listed: boolean;
  changed: boolean;
}

/** `node` and everything below it, all as Added or all as Deleted. */
function listAll(changes: ImageDiffChange[], kind: 'A' | 'D', node: FileNode, path: string): void {
  const stack: Array<[FileNode, string]> = [[node, path]];
  while (stack.length > 0) {
    const [at, atPath] = stack.pop()!;
    changes.push(kind === 'A' ? changeOf('A', atPath, undefined, at) : changeOf('D', atPath, at, undefined));
    if (at.children) for (const [name, child] of at.children) stack.push([child, `${atPath}/${name}`]);
  }
}

function changeOf(kind: 'A' | 'C' | 'D', path: string, before: FileNode | undefined, after: FileNode | undefined, fields?: DiffField[]): ImageDiffChange {
  const size = after ? ownBytes(after) : 0;
  const sizeBefore = before ? ownBytes(before) : 0;
  const change: ImageDiffChange = { kind, path, type: typeOf((after ?? before)!), size, sizeBefore, delta: size - sizeBefore };
  if (fields) change.fields = fields;
  if (fields && before && after) {
    change.was = factsOf(before);
    change.now = factsOf(after);
  }
  return change;
}

function factsOf(node: FileNode): DiffFacts {
  const { mode, uid, gid, mtime, kind, link } = node.entry;
  const facts: DiffFacts = { type: typeOf(node), mode, uid, gid, mtime };
  if (kind === 'symlink') facts.link = link;
  return facts;
}

/** A path's own regular-file bytes, as the merged tree counts them (a hard link 0: docker counts linked bytes once). */
function ownBytes(node: FileNode): number {
  return node.entry.kind === 'file' ? node.entry.size : 0;
}

function typeOf(node: FileNode): ImageFileKind {
  const kind = node.entry.kind;
  return kind === 'whiteout' || kind === 'opaque' ? 'dir' : kind;
}

/** moby's statDifferent over tar facts; null when docker would see no change. */
function differences(before: FileNode, after: FileNode): DiffField[] | null {
  const x = before.entry;
  const y = after.entry;
  // Fast path: the common case of an untouched entry, often the very same layer's, decided by identity first.
  if (x === y) return null;
  const xKind = onDisk(x.kind);
  const yKind = onDisk(y.kind);
  // Built only when something differs: an unchanged path allocates nothing (100,000 of them is the usual diff).
  let fields: DiffField[] | null = null;
  if (xKind !== yKind) fields = ['type'];
  if (x.mode !== y.mode) (fields ??= []).push('mode');
  if (x.uid !== y.uid || x.gid !== y.gid) (fields ??= []).push('owner');
  if ((xKind === 'char' || xKind === 'block') && (x.devmajor !== y.devmajor || x.devminor !== y.devminor)) (fields ??= []).push('device');
  if (xKind !== 'dir' || yKind !== 'dir') {
    if (!sameFsTime(x.mtime, y.mtime)) (fields ??= []).push('mtime');
    if (dataSize(before) !== dataSize(after)) (fields ??= []).push('size');
    if (xKind === 'symlink' && yKind === 'symlink' && x.link !== y.link) (fields ??= []).push('link');
  }
  return fields;
}

/** What stat would show: a hard link is a regular file; whiteout/opaque never reach a merged tree. */
function onDisk(kind: FileNode['entry']['kind']): string {
  return kind === 'hardlink' ? 'file' : kind;
}

function dataSize(node: FileNode): number {
  if (node.entry.kind === 'hardlink') return node.linkTarget?.entry.size ?? 0;
  // A symlink's st_size is its target's length, which the link comparison covers.
  return node.entry.kind === 'file' ? node.entry.size : 0;
}

/** moby's sameFsTime: equal, or the same second where one side has no fraction (archives drop nanoseconds). */
export function sameFsTime(a: number, b: number): boolean {
  return a === b || (Math.floor(a) === Math.floor(b) && (Number.isInteger(a) || Number.isInteger(b)));
}
