// The search box's glob against hostile patterns and names: the answer is the glob's (checked against the RegExp
// it stands for), and the time is linear in the name whatever the pattern.
import { describe, expect, it } from 'vitest';
import { fileQueryMatcher } from './file-query.js';
import type { ImageFiles } from './image-files.js';
import { searchImageFiles } from './file-listing.js';

/** What the glob means, as a (backtracking) RegExp: the reference for small inputs. */
function reference(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        source += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '[' && glob.indexOf(']', i + 2) !== -1) {
      const end = glob.indexOf(']', i + 2);
      const body = glob.slice(i + 1, end);
      source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = end;
    } else source += c.replace(/[.+^${}()|\\[]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

describe('glob search', () => {
  it('matches as the glob means, names and whole paths', () => {
    const patterns = ['*.so', 'lib*.so.?', '[ab]*.txt', '[!ab]*', '*', '**', 'a*b*c', '*.[ch]', 'x?y', 'LIB*', '[a', '***.so'];
    const names = ['libc.so', 'libc.so.6', 'a.txt', 'b1.txt', 'c.txt', 'abc', 'aXbYc', 'main.c', 'x.h', 'xzy', 'x/y', '', 'Libz.so.1', '[a', 'ünï.so'];
    for (const pattern of patterns) for (const name of names) expect([pattern, name, fileQueryMatcher(pattern)('/q/' + name, name)]).toEqual([pattern, name, reference(pattern).test(name)]);
    const pathPatterns = ['/usr/**/*.py', '/etc/*.conf', 'lib/**/x', '/**', '/a/**/b/**/c', '/usr/**'];
    const paths = ['/usr/lib/a.py', '/usr/a.py', '/usr/lib/x/y/z.py', '/etc/a.conf', '/etc/x/a.conf', '/lib/x', '/q/lib/a/b/x', '/a/b/c', '/a/x/b/y/z/c', '/a/bc', '/usr', '/usr/'];
    for (const pattern of pathPatterns) {
      const glob = pattern.startsWith('/') ? pattern : `/**/${pattern}`;
      for (const path of paths) expect([pattern, path, fileQueryMatcher(pattern)(path, path.split('/').pop()!)]).toEqual([pattern, path, reference(glob).test(path)]);
    }
  });

  it('takes linear time on a pattern that makes a backtracking RegExp run for ages', () => {
    const started = Date.now();
    expect(fileQueryMatcher(`${'*a'.repeat(30)}*b`)('/x', 'a'.repeat(255))).toBe(false);
    expect(fileQueryMatcher(`/${'**/'.repeat(30)}*b`)(`/${'a/'.repeat(2000)}c`, 'c')).toBe(false);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('refuses a pattern longer than a search box holds (64 KiB of stars)', () => {
    expect(() => searchImageFiles({} as ImageFiles, { pattern: '*'.repeat(64 * 1024) })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
