// What a root-filesystem tarball may contain when Berth stores it verbatim as a layer.
//
// Docker (pkg/archive UnpackLayer + createTarFile) cleans each name and refuses only what lands outside the root
// after joining: `../x`, `a/../../x`, hardlinks whose joined target leaves the root, symlinks whose target joined to
// the entry's directory leaves it; `/etc/x` is accepted as `etc/x`. Docker extracts inside a chroot and keeps its own
// re-packed copy; Berth keeps the input bytes as the layer (its diff_id must equal docker's, which is the digest of
// those bytes), so every later consumer sees these names as written. Hence stricter rules where docker would rewrite:
// - absolute names and hardlink targets are refused (a naive extractor would write outside its target directory);
// - any `..` component in a name or hardlink target is refused (never needed in a root filesystem);
// - symlink targets may be absolute (`/bin/sh -> /bin/busybox` resolves inside the container) but a relative target
//   must not climb above the root, as in docker;
// - character and block devices are refused (an import must not smuggle device nodes into a store);
// - entry types docker cannot unpack are refused, as docker does ("unhandled tar header type"): that includes
//   '7' (contiguous file), which Go returns as its own type and neither docker nor umoci writes;
// - `.wh.` names are refused: UnpackLayer treats them as whiteouts (it deletes the path they name, `.wh..wh.opq`
//   empties a directory, `.wh..wh.*` is skipped), so the unpacked tree would not be the entries Berth checked;
// - the order of entries is checked too (tar-tree.ts): nothing is written through a symlink or under a non-directory
//   an earlier entry made, a hard link names an earlier non-directory entry, the root stays a directory.
import { BerthError } from '../../../shared/errors.js';
import type { TarEntry } from './tar-scan.js';
import { components, PathTree } from './tar-tree.js';

/** A checker for one archive: the rules for each entry, then the rules about the entries before it. */
export function rootfsEntryChecker(): (entry: TarEntry) => void {
  const tree = new PathTree();
  return (entry) => {
    checkRootfsEntry(entry);
    tree.apply(entry);
  };
}

export function checkRootfsEntry(entry: TarEntry): void {
  const label = JSON.stringify(entry.name);
  const fail = (why: string) => {
    throw new BerthError('INVALID_ARCHIVE', `unsafe entry ${label} in the root filesystem tarball: ${why}`);
  };
  if (entry.name === '') fail('the entry has an empty name');
  if (entry.name.includes('\u0000')) fail('the name contains a NUL byte');
  if (entry.name.startsWith('/')) fail('absolute paths are not allowed');
  if (hasDotDot(entry.name)) fail("'..' path components are not allowed");
  if (components(entry.name).some((part) => part.startsWith('.wh.'))) fail("'.wh.' names are layer whiteouts, not files: docker would delete paths instead");

  switch (entry.type) {
    case 'file':
    case 'directory':
    case 'fifo':
    case 'global-header':
      return;
    case 'link':
      if (entry.linkname === '') fail('the hard link has no target');
      if (entry.linkname.startsWith('/')) fail(`the hard link target ${JSON.stringify(entry.linkname)} is an absolute path`);
      if (hasDotDot(entry.linkname)) fail(`the hard link target ${JSON.stringify(entry.linkname)} contains '..'`);
      return;
    case 'symlink':
      if (entry.linkname === '') fail('the symbolic link has no target');
      if (entry.linkname.includes('\u0000')) fail('the link target contains a NUL byte');
      if (!entry.linkname.startsWith('/') && climbsAboveRoot(parentOf(entry.name), entry.linkname)) {
        fail(`the symbolic link target ${JSON.stringify(entry.linkname)} points outside the root filesystem`);
      }
      return;
    case 'character-device':
      return fail('character device files are not allowed');
    case 'block-device':
      return fail('block device files are not allowed');
    case 'other':
      return fail(`unsupported tar entry type ${JSON.stringify(entry.typeflag)}`);
  }
}

function hasDotDot(path: string): boolean {
  return components(path).includes('..');
}

function parentOf(name: string): string[] {
  const parts = components(name);
  parts.pop();
  return parts;
}

/** Lexical resolution like Go's filepath.Join(dir, target) followed by a prefix check against the root. */
function climbsAboveRoot(dir: string[], target: string): boolean {
  let depth = dir.length;
  for (const part of components(target)) {
    if (part === '..') {
      depth--;
      if (depth < 0) return true;
    } else {
      depth++;
    }
  }
  return false;
}
