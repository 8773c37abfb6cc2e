// Root filesystems for `berth import` in the e2e specs, built by the suite's one tarball builder.
import { makeRootfsTar } from '../../electron/core/testing/tarball.mjs';

/** A tiny root filesystem whose bytes differ by `label`, so each one imports as a distinct image. */
export function rootfs(label: string, extraBytes = 0): Promise<Buffer> {
  const filler = new Uint8Array(extraBytes);
  // Incompressible-ish filler so sizes on the page differ visibly and imports take measurable time.
  let x = label.length * 2654435761;
  for (let i = 0; i < filler.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    filler[i] = x >>> 24;
  }
  return makeRootfsTar([
    { path: 'bin', type: 'directory' },
    { path: 'etc', type: 'directory' },
    { path: 'etc/os-release', content: `NAME="Berth test"\nID=berth-${label}\n` },
    { path: 'etc/hostname', content: `${label}\n` },
    ...(extraBytes
      ? [{ path: 'usr', type: 'directory' as const }, { path: 'usr/share', type: 'directory' as const }, { path: `usr/share/${label}.bin`, content: filler }]
      : []),
  ]);
}
