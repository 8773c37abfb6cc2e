// Builds small ustar archives in memory: root filesystems for `berth import`, made without any tool.
export interface TarEntry {
  name: string;
  /** File contents; omit for a directory. */
  data?: Uint8Array | string;
  mode?: number;
}

const BLOCK = 512;

function writeString(header: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = new TextEncoder().encode(value);
  header.set(bytes.subarray(0, length), offset);
}

function writeOctal(header: Uint8Array, offset: number, length: number, value: number): void {
  writeString(header, offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
}

function headerFor(entry: TarEntry, size: number, mtime: number): Uint8Array {
  const header = new Uint8Array(BLOCK);
  const isDir = entry.data === undefined;
  const name = isDir && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
  if (name.length > 100) throw new Error(`tar name too long for this helper: ${name}`);
  writeString(header, 0, 100, name);
  writeOctal(header, 100, 8, entry.mode ?? (isDir ? 0o755 : 0o644));
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, size);
  writeOctal(header, 136, 12, mtime);
  header.fill(0x20, 148, 156); // checksum field counts as spaces while summing
  header[156] = isDir ? 0x35 : 0x30;
  writeString(header, 257, 6, 'ustar\0');
  writeString(header, 263, 2, '00');
  writeString(header, 265, 32, 'root');
  writeString(header, 297, 32, 'root');
  const sum = header.reduce((total, byte) => total + byte, 0);
  writeString(header, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return header;
}

export function makeTar(entries: TarEntry[], mtime = 1_700_000_000): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? new TextEncoder().encode(entry.data) : entry.data;
    parts.push(headerFor(entry, data?.length ?? 0, mtime));
    if (data) {
      parts.push(data);
      const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(new Uint8Array(pad));
    }
  }
  parts.push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A tiny root filesystem whose bytes differ by `label`, so each one imports as a distinct image. */
export function rootfs(label: string, extraBytes = 0): Uint8Array {
  const filler = new Uint8Array(extraBytes);
  // Incompressible-ish filler so sizes on the page differ visibly and imports take measurable time.
  let x = label.length * 2654435761;
  for (let i = 0; i < filler.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    filler[i] = x >>> 24;
  }
  return makeTar([
    { name: 'bin' },
    { name: 'etc' },
    { name: 'etc/os-release', data: `NAME="Berth test"\nID=berth-${label}\n` },
    { name: 'etc/hostname', data: `${label}\n` },
    ...(extraBytes ? [{ name: 'usr' }, { name: 'usr/share' }, { name: `usr/share/${label}.bin`, data: filler }] : []),
  ]);
}
