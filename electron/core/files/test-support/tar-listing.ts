// A tar read back into plain rows (name, type, mode, owner, link, bytes), to compare an export with what is expected
// or with what `docker cp … -` wrote.
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';

export interface TarRow {
  name: string;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  mtime: number;
  size: number;
  linkname: string;
  devmajor: number;
  devminor: number;
  content: Buffer;
}

export async function tarRows(tar: Buffer | AsyncIterable<Uint8Array>): Promise<TarRow[]> {
  const rows: TarRow[] = [];
  const reader = extract();
  const done = new Promise<void>((resolve, reject) => {
    reader.on('finish', resolve);
    reader.on('error', reject);
  });
  reader.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      rows.push({
        name: header.name,
        type: header.type ?? 'file',
        mode: header.mode ?? 0,
        uid: header.uid ?? 0,
        gid: header.gid ?? 0,
        mtime: Math.floor((header.mtime?.getTime() ?? 0) / 1000),
        size: header.size ?? 0,
        linkname: header.linkname ?? '',
        devmajor: header.devmajor ?? 0,
        devminor: header.devminor ?? 0,
        content: Buffer.concat(chunks),
      });
      next();
    });
  });
  Readable.from(Buffer.isBuffer(tar) ? [tar] : tar).pipe(reader);
  await done;
  return rows;
}

export async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}
