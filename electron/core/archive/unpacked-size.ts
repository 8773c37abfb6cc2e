// The size docker reports for a layer: what its files take once unpacked, not the tar's length. moby's layer store
// keeps the size its graph driver's ApplyDiff returns, and archive.UnpackLayer adds up each entry's header size as
// it applies the tar: regular files count their length; symlinks, hard links, directories, devices and FIFOs carry
// no data and count nothing. Measured against dockerd 20.10 (operations/import.docker.test.ts). Counted here from
// the headers as the layer streams past, so no second read of the layer is needed.
import type { TarEntry } from './tar-scan.js';

export class UnpackedSize {
  private total = 0;

  add(entry: Pick<TarEntry, 'type' | 'size'>): void {
    if (entry.type === 'file') this.total += entry.size;
  }

  get bytes(): number {
    return this.total;
  }
}
