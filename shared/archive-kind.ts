// What the first bytes of a file say it is: compressed (by magic number) or a tar archive (by the first header's
// checksum, as Go's archive/tar getFormat judges it). Plain bytes only, so the app can tell before uploading a file
// that it cannot be imported, in the same terms the core uses after reading it.

export type Compression = 'none' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

export const TAR_BLOCK = 512;

export function detectCompression(head: Uint8Array): Compression {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x1f, 0x8b, 0x08)) return 'gzip';
  if (starts(0x42, 0x5a, 0x68)) return 'bzip2';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  return 'none';
}

/** The checksum field's text, spaces and NULs trimmed at both ends, as Go parses it. */
function checksumField(block: Uint8Array): string {
  let text = '';
  for (let i = 148; i < 156; i++) text += String.fromCharCode(block[i] ?? 0);
  return text.replace(/^[ \0]+|[ \0]+$/g, '');
}

/**
 * Go's getFormat check: the stored checksum (octal) equals the unsigned or the signed byte sum of the block, the
 * checksum field counted as spaces. 'malformed' when the field is not octal at all.
 */
export function tarChecksum(block: Uint8Array): 'ok' | 'mismatch' | 'malformed' {
  const text = checksumField(block);
  if (!/^[0-7]{1,8}$/.test(text)) return 'malformed';
  const expected = parseInt(text, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < TAR_BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return expected === unsigned || expected === signed ? 'ok' : 'mismatch';
}

/**
 * What `berth import` will make of a file from its first 512 bytes: 'empty' (an empty layer, as docker allows),
 * 'compressed' (only reading it through tells), 'tar', or 'not-tar'.
 */
export function importableKind(head: Uint8Array, fileSize: number): 'empty' | 'compressed' | 'tar' | 'not-tar' {
  if (fileSize === 0) return 'empty';
  if (detectCompression(head) !== 'none') return 'compressed';
  if (head.length < TAR_BLOCK) return 'not-tar';
  return tarChecksum(head.subarray(0, TAR_BLOCK)) === 'ok' ? 'tar' : 'not-tar';
}

/** The one wording, in the core after reading a file and in the app before uploading it. */
export function notTarMessage(fileName: string): string {
  return `${fileName} is not a tar archive: import needs a root filesystem as a tar archive (.tar, or .tar.gz, .tar.xz, .tar.zst)`;
}
