// A path's type and permission bits as `ls -l` prints them: `drwxr-xr-x`, `-rwsr-xr-x` (setuid), `drwxrwxrwt` (sticky).
import type { ImageFileKind } from '../../../../../shared/api';

const TYPE_CHAR: Record<ImageFileKind, string> = { file: '-', hardlink: '-', dir: 'd', symlink: 'l', char: 'c', block: 'b', fifo: 'p' };

/** `special` replaces the x of its triad: lower case when x is set too, upper case when it is not (as ls does). */
function triad(bits: number, special: boolean, mark: string): string {
  const x = bits & 1;
  const exec = special ? (x ? mark : mark.toUpperCase()) : x ? 'x' : '-';
  return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${exec}`;
}

export function formatMode(kind: ImageFileKind, mode: number): string {
  return (
    TYPE_CHAR[kind] +
    triad((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    triad((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    triad(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

/** The octal form (`0755`, `4755`) for a tooltip. */
export function octalMode(mode: number): string {
  return (mode & 0o7777).toString(8).padStart(4, '0');
}
