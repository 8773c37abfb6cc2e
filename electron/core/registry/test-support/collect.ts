// A blob body read whole in a test, through the verifying Transform when one is given.
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export async function collect(stream: Readable, verify?: Writable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await (verify ? pipeline(stream, verify, sink) : pipeline(stream, sink));
  return Buffer.concat(chunks);
}
