// Test helpers for the registry client: a blob body read whole (through the verifying Transform when one is
// given), and the typed error a call fails with.
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BerthError } from '../../../../shared/errors.js';

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

/** The BerthError `promise` rejects with (a test fails if it resolves, or rejects with anything else). */
export async function caught(promise: Promise<unknown>): Promise<BerthError> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof BerthError)) throw new Error(`expected a BerthError, got ${String(error)}`, { cause: error });
    return error;
  }
  throw new Error('expected an error');
}
