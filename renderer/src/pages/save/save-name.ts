// The file name Save… suggests: `<repo>_<tag>.tar` for one image, as people name `docker save -o` output, and
// `images.tar` for several. Path separators and a registry's port colon would not survive a file system.
import type { ImageSummary } from '../../../../shared/api';

export function suggestedSaveName(rows: readonly ImageSummary[]): string {
  if (rows.length !== 1) return 'images.tar';
  const row = rows[0]!;
  const stem = row.dangling ? row.id.replace(/^sha256:/, '').slice(0, 12) : `${row.repository}_${row.tag}`;
  return `${stem.replace(/[/\\:]+/g, '_')}.tar`;
}

/** Why a typed file name cannot be used, or null. */
export function saveNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a file name.';
  if (/[/\\]/.test(trimmed)) return 'A file name, not a path: the browser or the Save dialog chooses the folder.';
  if (trimmed === '.' || trimmed === '..') return 'Enter a file name.';
  return null;
}
