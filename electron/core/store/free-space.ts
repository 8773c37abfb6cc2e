// A small file must not fill the disk: a 2 MB gzip can inflate to gigabytes, a registry can send more than it
// promised. Every blob write watches the free space of the store's file system as it goes and stops, leaving
// nothing behind, before the disk drops under a reserve (1 GiB, or 5 % of a smaller file system).
//
// statfs is cheap but not free, so the next check is scheduled before the write could have eaten half of the
// headroom left at the last one (and at least every 64 MiB): however fast bytes arrive, the reserve holds.
import { promises as fs } from 'node:fs';
import { BerthError } from '../../../shared/errors.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
const MAX_CHECK_INTERVAL = 64 * MiB;
const MIN_CHECK_INTERVAL = 256 * 1024;

export interface DiskSpace {
  /** Bytes an unprivileged process may still write. */
  available: number;
  /** Size of the file system. */
  total: number;
}

export type DiskSpaceProbe = (dir: string) => Promise<DiskSpace>;

export const statfsProbe: DiskSpaceProbe = async (dir) => {
  const s = await fs.statfs(dir);
  return { available: s.bavail * s.bsize, total: s.blocks * s.bsize };
};

/** The reserve Berth leaves free: 1 GiB, or 5 % of a file system smaller than 20 GiB. */
export function defaultReserve(total: number): number {
  return Math.min(GiB, Math.floor(total * 0.05));
}

export interface FreeSpaceOptions {
  probe?: DiskSpaceProbe;
  reserve?: (total: number) => number;
  /** What the messages call the place written to; default "the store's file system". */
  place?: string;
}

const humanBytes = (n: number) => (n >= GiB ? `${(n / GiB).toFixed(1)} GiB` : `${(n / MiB).toFixed(1)} MiB`);

/** Watches one write into `dir`: call `wrote(n)` after each chunk; it throws NO_SPACE before the reserve is reached. */
export class FreeSpaceGuard {
  private written = 0;
  private nextCheckAt = 0;
  private readonly probe: DiskSpaceProbe;
  private readonly reserve: (total: number) => number;
  private readonly place: string;

  constructor(private readonly dir: string, options: FreeSpaceOptions = {}) {
    this.probe = options.probe ?? statfsProbe;
    this.reserve = options.reserve ?? defaultReserve;
    this.place = options.place ?? "the store's file system";
  }

  /** Checks before the first byte, with what the caller expects to write when it knows. */
  async start(expectedBytes?: number): Promise<void> {
    await this.check(expectedBytes ?? 0);
  }

  async wrote(bytes: number): Promise<void> {
    this.written += bytes;
    if (this.written >= this.nextCheckAt) await this.check(0);
  }

  private async check(upcoming: number): Promise<void> {
    const { available, total } = await this.probe(this.dir);
    const reserve = this.reserve(total);
    const headroom = available - reserve - upcoming;
    if (headroom < 0) {
      const so = this.written > 0 ? `after ${humanBytes(this.written)} of this write` : upcoming > 0 ? `for ${humanBytes(upcoming)}` : 'to start';
      throw new BerthError(
        'NO_SPACE',
        `not enough free space in ${this.place} ${so}: ${humanBytes(available)} free and Berth keeps ${humanBytes(reserve)} in reserve (stopped; nothing was kept)`,
      );
    }
    this.nextCheckAt = this.written + Math.max(MIN_CHECK_INTERVAL, Math.min(MAX_CHECK_INTERVAL, Math.floor(headroom / 2)));
  }
}
