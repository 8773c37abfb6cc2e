import { describe, expect, it } from 'vitest';
import { formatMode, octalMode } from './file-mode';

describe('formatMode', () => {
  it('writes the type and the three triads as ls -l does', () => {
    expect(formatMode('file', 0o755)).toBe('-rwxr-xr-x');
    expect(formatMode('file', 0o644)).toBe('-rw-r--r--');
    expect(formatMode('dir', 0o755)).toBe('drwxr-xr-x');
    expect(formatMode('symlink', 0o777)).toBe('lrwxrwxrwx');
    expect(formatMode('hardlink', 0o600)).toBe('-rw-------');
    expect(formatMode('char', 0o666)).toBe('crw-rw-rw-');
    expect(formatMode('block', 0o660)).toBe('brw-rw----');
    expect(formatMode('fifo', 0o644)).toBe('prw-r--r--');
  });

  it('shows setuid, setgid and sticky in place of x: lower case over x, upper case without it', () => {
    expect(formatMode('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(formatMode('file', 0o4644)).toBe('-rwSr--r--');
    expect(formatMode('file', 0o2755)).toBe('-rwxr-sr-x');
    expect(formatMode('dir', 0o2745)).toBe('drwxr-Sr-x');
    expect(formatMode('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(formatMode('dir', 0o1776)).toBe('drwxrwxrwT');
    expect(formatMode('file', 0o7777)).toBe('-rwsrwsrwt');
  });

  it('ignores bits above the permission bits', () => {
    expect(formatMode('file', 0o100644)).toBe('-rw-r--r--');
    expect(octalMode(0o100755)).toBe('0755');
    expect(octalMode(0o4755)).toBe('4755');
  });
});
