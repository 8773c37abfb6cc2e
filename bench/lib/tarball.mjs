// The 1 GiB benchmark input: a tar of incompressible files (AES-CTR keystream, far faster than
// randomBytes), generated once into bench/out/ and reused while its size is right.
import { createCipheriv, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { stat, rename } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';

const FILE_BYTES = 16 * 1024 * 1024;
const CHUNK = 1024 * 1024;

/** Size of a tar holding `files` regular files of FILE_BYTES each, plus folder and end blocks. */
const expectedSize = (files) => 512 + files * (512 + FILE_BYTES) + 1024;

export async function ensureBigTarball(file, totalBytes) {
  const files = Math.ceil(totalBytes / FILE_BYTES);
  const existing = await stat(file).catch(() => null);
  if (existing?.size === expectedSize(files)) return { file, size: existing.size, generated: false };

  const tar = pack();
  const written = pipeline(tar, createWriteStream(`${file}.partial`));
  const cipher = createCipheriv('aes-128-ctr', randomBytes(16), randomBytes(16));
  const zeros = Buffer.alloc(CHUNK);
  await entry(tar, { name: 'data', type: 'directory', mode: 0o755 });
  for (let i = 0; i < files; i++) {
    const stream = tar.entry({ name: `data/blob-${String(i).padStart(4, '0')}.bin`, size: FILE_BYTES, mode: 0o644 });
    for (let offset = 0; offset < FILE_BYTES; offset += CHUNK) {
      if (!stream.write(cipher.update(zeros))) await new Promise((resolve) => stream.once('drain', resolve));
    }
    await new Promise((resolve, reject) => stream.end((error) => (error ? reject(error) : resolve())));
  }
  tar.finalize();
  await written;
  await rename(`${file}.partial`, file);
  return { file, size: (await stat(file)).size, generated: true };
}

function entry(tar, header) {
  return new Promise((resolve, reject) => tar.entry(header, (error) => (error ? reject(error) : resolve())));
}
