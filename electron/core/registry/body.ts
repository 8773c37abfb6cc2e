// Reading small response bodies (manifests, tokens, tag lists, error documents) with a size cap, so a hostile or
// broken registry cannot make Berth hold an unbounded answer. Mirrors go-containerregistry's io.LimitReader use
// in remote (manifestLimit) and transport.CheckError (reading at most 64 KiB of an error body).
import { BerthError } from '../../../shared/errors.js';
import { networkError } from './network-error.js';

/** The body's bytes; `INVALID_ARGUMENT` naming `what` once it passes `limit` (the stream is destroyed then). */
export async function readBody(body: AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => void }, limit: number, what: string, host: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of body) {
      length += chunk.length;
      if (length > limit) {
        body.destroy?.();
        throw new BerthError('INVALID_ARGUMENT', `${what} is larger than ${limit} bytes: refused`);
      }
      chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    }
  } catch (error) {
    throw networkError(error, host);
  }
  return Buffer.concat(chunks, length);
}

/** Up to `limit` bytes of the body as text, the rest dropped: for error messages, never an error itself. */
export async function readSnippet(body: AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => void }, limit = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of body) {
      chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      length += chunk.length;
      if (length >= limit) {
        body.destroy?.();
        break;
      }
    }
  } catch {
    // a body cut short still says what it said so far
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

export async function readJson(body: AsyncIterable<Uint8Array> & { destroy?: (error?: Error) => void }, limit: number, what: string, host: string): Promise<unknown> {
  const bytes = await readBody(body, limit, what, host);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new BerthError('INVALID_ARGUMENT', `${what} is not valid JSON`);
  }
}
