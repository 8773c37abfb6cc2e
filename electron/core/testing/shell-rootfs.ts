// Entries for a rootfs that can actually run `/bin/sh -c '…'` in a container: the host's /bin/sh and the
// shared libraries `ldd` names, so no extra package (busybox) is needed.
import { execFileSync } from 'node:child_process';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { RootfsEntry } from './tarball.mjs';

/** Host programs (absolute paths) copied with their libraries; `/bin/sh` is always included. */
export function shellRootfsEntries(programs: readonly string[] = []): RootfsEntry[] {
  const wanted = ['/bin/sh', ...programs];
  const files = new Set<string>();
  for (const program of wanted) {
    files.add(program);
    for (const library of sharedLibraries(program)) files.add(library);
  }
  const directories = new Set<string>(['/tmp', '/etc']);
  for (const file of files) {
    for (let dir = path.dirname(file); dir !== '/'; dir = path.dirname(dir)) directories.add(dir);
  }
  const entries: RootfsEntry[] = [...directories].sort().map((dir) => ({
    path: dir.slice(1),
    type: 'directory' as const,
    mode: dir === '/tmp' ? 0o1777 : 0o755,
  }));
  for (const file of [...files].sort()) {
    // Stored as regular files at the path the loader asks for, whatever symlinks the host uses.
    const real = realpathSync(file);
    entries.push({ path: file.slice(1), content: readFileSync(real), mode: statSync(real).mode & 0o7777 });
  }
  entries.push({ path: 'etc/passwd', content: 'root:x:0:0:root:/:/bin/sh\n' });
  return entries;
}

function sharedLibraries(program: string): string[] {
  let output: string;
  try {
    output = execFileSync('ldd', [program], { encoding: 'utf8' });
  } catch {
    return []; // statically linked: `ldd` exits 1 with "not a dynamic executable"
  }
  const libraries: string[] = [];
  for (const line of output.split('\n')) {
    // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)"
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match?.[1]) libraries.push(match[1]);
  }
  return libraries;
}
