// The 1 GiB benchmark input: a tar of incompressible files (AES-CTR keystream, far faster than
// randomBytes), streamed by the suite's one tarball builder, generated once into bench/out/ and reused
// while its size is right.
import { createCipheriv, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat, rename } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { packRootfsTar } from '../../electron/core/testing/tarball.mjs';

const FILE_BYTES = 16 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** Size of a tar holding `files` regular files of FILE_BYTES each, plus folder and end blocks. */
const expectedSize = (files) => 512 + files * (512 + FILE_BYTES) + 1024;

export async function ensureBigTarball(file, totalBytes) {
  const files = Math.ceil(totalBytes / FILE_BYTES);
  const existing = await stat(file).catch(() => null);
  if (existing?.size === expectedSize(files)) return { file, size: existing.size, generated: false };

  await pipeline(packRootfsTar(entries(files)), createWriteStream(`${file}.partial`));
  await rename(`${file}.partial`, file);
  return { file, size: (await stat(file)).size, generated: true };
}

function* entries(files) {
  const cipher = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  yield { path: 'data', type: 'directory' };
  for (let i = 0; i < files; i++) {
    yield { path: `data/blob-${String(i).padStart(4, '0')}.bin`, size: FILE_BYTES, content: keystream(cipher, FILE_BYTES) };
  }
}

function* keystream(cipher, bytes) {
  const zeros = Buffer.alloc(CHUNK);
  for (let offset = 0; offset < bytes; offset += CHUNK) yield cipher.update(zeros);
}
