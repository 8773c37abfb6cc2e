// The name Save… suggests: a file as itself, a folder as a tar of it (the root as `rootfs.tar`).
import type { ImageFileEntry } from '../../../../../shared/api';

export function savedName(entry: Pick<ImageFileEntry, 'name' | 'kind' | 'path'>): string {
  if (entry.kind !== 'dir') return entry.name;
  return entry.path === '/' ? 'rootfs.tar' : `${entry.name}.tar`;
}

/** Devices and pipes have no bytes to save; a path a layer removed has nothing left to save. */
export function canSave(entry: Pick<ImageFileEntry, 'kind' | 'change'>): boolean {
  return entry.change !== 'D' && (entry.kind === 'file' || entry.kind === 'hardlink' || entry.kind === 'dir' || entry.kind === 'symlink');
}
