// How a search box's text matches a path, as a user of `find` or a file manager expects: text without glob
// characters matches anywhere in the path (case-insensitive); a glob (`*`, `?`, `[...]`, `**`) matches the whole
// name when it has no slash (`*.so`), or the whole absolute path when it has one (`/usr/**/*.py`), as gitignore does.

export type PathMatcher = (absolutePath: string, name: string) => boolean;

export function fileQueryMatcher(pattern: string): PathMatcher {
  const text = pattern.trim();
  if (!/[*?[]/.test(text)) {
    const needle = text.toLowerCase();
    return (absolutePath) => absolutePath.toLowerCase().includes(needle);
  }
  const regex = globRegExp(text.includes('/') ? (text.startsWith('/') ? text : `/**/${text}`) : text);
  return text.includes('/') ? (absolutePath) => regex.test(absolutePath) : (_path, name) => regex.test(name);
}

function globRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `/**/` matches one or more whole folders or none; a trailing `**` anything below.
        const slashAfter = glob[i + 2] === '/';
        source += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else source += '[^/]*';
    } else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\');
        source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}
