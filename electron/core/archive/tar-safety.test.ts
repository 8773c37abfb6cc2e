// The boundary cases of the rootfs entry rules: a relative symlink may climb exactly as far as the root, not one
// level further, wherever it sits.
import { describe, expect, it } from 'vitest';
import { makeRootfsTar } from '../testing/tarball.mjs';
import { checkRootfsEntry } from './tar-safety.js';
import { TarScanner, type TarEntry } from './tar-scan.js';

const NO_META = { mode: 0o644, uid: 0, gid: 0, mtime: 0, devmajor: 0, devminor: 0 };
const symlink = (name: string, linkname: string): TarEntry => ({ name, linkname, type: 'symlink', typeflag: '2', size: 0, offset: 0, ...NO_META });
const hardlink = (name: string, linkname: string): TarEntry => ({ name, linkname, type: 'link', typeflag: '1', size: 0, offset: 0, ...NO_META });

describe('checkRootfsEntry: symbolic links', () => {
  it.each([
    ['x', '../etc/shadow'],
    ['./x', '../etc/shadow'],
    ['x', './../etc/shadow'],
    ['x', '..'],
    ['a/b', '../../etc/shadow'],
    ['a/b/', '../../x'],
    ['a/b', 'c/../../../x'],
    ['a/./b', '../../x'],
  ])('refuses %s -> %s (one level above the root)', (name, target) => {
    expect(() => checkRootfsEntry(symlink(name, target))).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARCHIVE',
        message: `unsafe entry ${JSON.stringify(name)} in the root filesystem tarball: the symbolic link target ${JSON.stringify(target)} points outside the root filesystem`,
      }),
    );
  });

  it.each([
    ['x', 'etc/shadow'],
    ['x', '.'],
    ['a/b', '../etc/shadow'],
    ['a/b', '..'],
    ['a/b/c', '../../x'],
    ['a/b', 'c/../../x'],
    ['x', '/etc/shadow'],
    ['x', '/../../etc/shadow'],
  ])('accepts %s -> %s (stays inside, or absolute)', (name, target) => {
    expect(() => checkRootfsEntry(symlink(name, target))).not.toThrow();
  });

  it('refuses an empty or NUL-carrying target', () => {
    expect(() => checkRootfsEntry(symlink('x', ''))).toThrow(/has no target/);
    expect(() => checkRootfsEntry(symlink('x', 'a\u0000b'))).toThrow(/link target contains a NUL byte/);
  });
});

describe('checkRootfsEntry: names and hard links', () => {
  it.each([
    ['', /empty name/],
    ['a\u0000b', /NUL byte/],
    ['/x', /absolute paths/],
    ['..', /'\.\.' path components/],
    ['a/..', /'\.\.' path components/],
  ])('refuses the name %j', (name, message) => {
    expect(() => checkRootfsEntry({ name, linkname: '', type: 'file', typeflag: '0', size: 0, offset: 0, ...NO_META })).toThrow(message);
  });

  it('accepts names that only look suspicious', () => {
    for (const name of ['..a', 'a..', 'a/...', './a', 'a//b']) {
      expect(() => checkRootfsEntry({ name, linkname: '', type: 'file', typeflag: '0', size: 0, offset: 0, ...NO_META })).not.toThrow();
    }
  });

  it('refuses hard links with no target, an absolute target or a .. component, and accepts a plain one', () => {
    expect(() => checkRootfsEntry(hardlink('x', ''))).toThrow(/hard link has no target/);
    expect(() => checkRootfsEntry(hardlink('x', '/etc/shadow'))).toThrow(/"\/etc\/shadow" is an absolute path/);
    expect(() => checkRootfsEntry(hardlink('a/x', 'a/../y'))).toThrow(/"a\/\.\.\/y" contains '\.\.'/);
    expect(() => checkRootfsEntry(hardlink('x', 'etc/shadow'))).not.toThrow();
  });
});

describe('scanning a tarball whose top-level symlink climbs one level out', () => {
  it('fails with INVALID_ARCHIVE naming the entry, at that entry', async () => {
    const tar = await makeRootfsTar([
      { path: 'etc/', type: 'directory' },
      { path: 'etc/shadow', content: 'root:*:1:0:99999:7:::\n' },
      { path: 'x', type: 'symlink', target: '../etc/shadow' },
      { path: 'after', content: 'never reached' },
    ]);
    const seen: string[] = [];
    const scanner = new TarScanner((entry) => {
      checkRootfsEntry(entry);
      seen.push(entry.name);
    });
    expect(() => {
      scanner.push(tar);
      scanner.end();
    }).toThrow(expect.objectContaining({ code: 'INVALID_ARCHIVE', message: expect.stringMatching(/^unsafe entry "x" .*"\.\.\/etc\/shadow" points outside the root filesystem/) }));
    expect(seen).toEqual(['etc/', 'etc/shadow']);
  });
});
