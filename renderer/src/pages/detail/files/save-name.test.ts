import { describe, expect, it } from 'vitest';
import { canSave, savedName } from './save-name';

describe('Save… of a path', () => {
  it('saves a file as itself and a folder as a tar', () => {
    expect(savedName({ name: 'nginx.conf', kind: 'file', path: '/etc/nginx/nginx.conf' })).toBe('nginx.conf');
    expect(savedName({ name: 'nginx', kind: 'dir', path: '/etc/nginx' })).toBe('nginx.tar');
    expect(savedName({ name: '', kind: 'dir', path: '/' })).toBe('rootfs.tar');
  });

  it('offers no Save… for devices, pipes and removed paths', () => {
    expect(canSave({ kind: 'file' })).toBe(true);
    expect(canSave({ kind: 'symlink' })).toBe(true);
    expect(canSave({ kind: 'char' })).toBe(false);
    expect(canSave({ kind: 'fifo' })).toBe(false);
    expect(canSave({ kind: 'file', change: 'D' })).toBe(false);
  });
});
