// Names inside an image archive, made safe to look up: docker's loader extracts the archive into a temporary
// folder and then opens `manifest.json`'s paths inside it (moby image/tarexport/load.go, safePath), so a path that
// leaves the folder, or a link that points out of it, is refused by name here before anything looks it up.
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';

function refuse(detail: string): never {
  throw new BerthError('INVALID_ARCHIVE', `invalid image archive: ${detail}`);
}

/** `./a//b/` → `a/b`; absolute names and `..` components are refused: nothing in an archive may name outside it. */
export function cleanArchivePath(name: string, what = 'entry'): string {
  if (name.includes('\0')) refuse(`${what} ${JSON.stringify(name)} has a NUL byte in its name`);
  if (name.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(name)) refuse(`${what} ${JSON.stringify(name)} is an absolute path`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) refuse(`${what} ${JSON.stringify(name)} climbs out of the archive with ".."`);
  return parts.join('/');
}

/** Where a symlink at `entry` pointing at `target` leads, as a clean archive path; refused if it leaves the archive. */
export function symlinkDestination(entry: string, target: string): string {
  if (target.startsWith('/')) refuse(`link ${JSON.stringify(entry)} points at the absolute path ${JSON.stringify(target)}`);
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(entry), target));
  if (joined === '..' || joined.startsWith('../')) refuse(`link ${JSON.stringify(entry)} points outside the archive (${JSON.stringify(target)})`);
  return cleanArchivePath(joined, 'link target');
}
