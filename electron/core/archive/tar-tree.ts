// What the entries so far have made of each path, so that no later entry is written through a symbolic link or under
// something that is not a directory. docker (pkg/archive UnpackLayer/createTarFile) and containerd join each name to
// the root and let the kernel (in a chroot) follow whatever symlinks the earlier entries made; umoci resolves them
// within the root (SecureJoinVFS); GNU tar refuses ("Cannot open: Not a directory", or removes the link first with
// --unlink-first). Readers disagree, so an entry whose parent, or a hard link whose target's parent, is a symlink
// made earlier in the same archive is refused, as is anything under a non-directory.
//
// The model follows what the unpackers do (UnpackLayer, umoci's UnpackEntry): a missing parent is created as a
// directory; an entry replaces whatever was at its path (and everything under it), except that a directory entry
// over a directory keeps it; a hard link to a symlink is another symlink (link(2) does not follow).
import { BerthError } from '../../../shared/errors.js';
import type { TarEntry } from './tar-scan.js';

type Kind = 'directory' | 'symlink' | 'other';

interface Node {
  kind: Kind;
  children: Map<string, Node> | null;
}

/** Path components as docker's filepath.Clean leaves them ('' and '.' dropped; '..' is refused before this). */
export function components(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

export class PathTree {
  private readonly root: Node = { kind: 'directory', children: new Map() };

  /** Checks `entry` against the entries before it, then records it. Throws INVALID_ARCHIVE naming the entry. */
  apply(entry: TarEntry): void {
    const fail = (why: string) => {
      throw new BerthError('INVALID_ARCHIVE', `unsafe entry ${JSON.stringify(entry.name)} in the root filesystem tarball: ${why}`);
    };
    const parts = components(entry.name);
    const base = parts.pop();
    if (base === undefined) {
      if (entry.type === 'directory') return;
      return fail(`a ${entry.type} entry would replace the root directory`);
    }
    if (entry.type === 'global-header') return this.globalHeader(parts, base, fail);

    const parent = this.parentDirectory(parts, (at, kind) => fail(`its parent ${JSON.stringify(at)} is ${describe(kind)}, made by an earlier entry`));
    let kind: Kind = entry.type === 'directory' ? 'directory' : entry.type === 'symlink' ? 'symlink' : 'other';
    if (entry.type === 'link') {
      const linkFail = (why: string) => fail(`the hard link target ${JSON.stringify(entry.linkname)} ${why}`);
      const target = components(entry.linkname);
      // The unpackers remove what is at the link's own path first: a target there or below it is gone by then.
      if ([...parts, base].every((part, i) => target[i] === part)) linkFail('is removed when the link replaces it');
      kind = this.linkTarget(target, linkFail).kind;
    }
    const existing = parent.children?.get(base);
    if (existing?.kind === 'directory' && kind === 'directory') return;
    parent.children?.set(base, { kind, children: kind === 'directory' ? new Map() : null });
  }

  /**
   * Go returns a global pax header as an entry of its own, and docker's UnpackLayer cleans its name, creates its
   * missing parents and removes whatever is at that path before ignoring it. Harmless only for a single new name.
   */
  private globalHeader(parents: string[], base: string, fail: (why: string) => never): void {
    if (parents.length > 0) fail('a global pax header named below the root (docker would create its parent directories)');
    if (this.root.children?.has(base)) fail('a global pax header named like an earlier entry (docker would remove that entry)');
  }

  private parentDirectory(parts: string[], fail: (at: string, kind: Kind) => never): Node {
    let node = this.root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      let child = node.children?.get(part);
      if (!child) {
        child = { kind: 'directory', children: new Map() };
        node.children?.set(part, child);
      }
      if (child.kind !== 'directory') fail(parts.slice(0, i + 1).join('/'), child.kind);
      node = child;
    }
    return node;
  }

  private linkTarget(path: readonly string[], fail: (why: string) => never): Node {
    const parts = path.slice(0, -1);
    const base = path.at(-1);
    if (base === undefined) return fail('is the root directory');
    let node = this.root;
    for (let i = 0; i < parts.length; i++) {
      const child = node.children?.get(parts[i] as string);
      const at = JSON.stringify(parts.slice(0, i + 1).join('/'));
      if (!child) return fail('is not an earlier entry');
      if (child.kind !== 'directory') return fail(`passes through ${at}, ${describe(child.kind)}`);
      node = child;
    }
    const target = node.children?.get(base);
    if (!target) return fail('is not an earlier entry');
    if (target.kind === 'directory') return fail('is a directory');
    return target;
  }
}

function describe(kind: Kind): string {
  return kind === 'symlink' ? 'a symbolic link' : 'not a directory';
}
