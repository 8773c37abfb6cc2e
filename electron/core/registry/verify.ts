// The consumer's check of a blob: a Transform that hashes and counts what passes and fails with DIGEST_MISMATCH
// when the bytes overrun the expected size (at once, before they are written anywhere) or, at the end, when the
// size or digest differ. Mirrors go-containerregistry's internal/verify.ReadCloser (size and digest checked at
// EOF); the `hash` option lets a resumed download carry on the hash of the bytes it already has.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { BerthError } from '../../../shared/errors.js';
import { parseDigest } from '../oci/digest.js';

export interface ExpectedBlob {
  digest: string;
  size: number;
}

export interface VerifyOptions {
  /** How many bytes of the blob came before this stream (a resume). */
  offset?: number;
  /** A hash already fed with those `offset` bytes (same algorithm as the digest); a new one when offset is 0. */
  hash?: Hash;
}

export class BlobVerifier extends Transform {
  private readonly hash: Hash;
  private readonly algorithm: string;
  private seen: number;

  constructor(private readonly expected: ExpectedBlob, options: VerifyOptions = {}) {
    super();
    const { algorithm } = parseDigest(expected.digest);
    this.algorithm = algorithm;
    this.seen = options.offset ?? 0;
    if (this.seen > 0 && !options.hash) {
      throw new BerthError('INVALID_ARGUMENT', 'verifying a resumed blob needs the hash of the bytes before the offset');
    }
    this.hash = options.hash ?? createHash(algorithm);
  }

  /** Bytes of the blob seen so far, those before the offset included. */
  get bytesSeen(): number {
    return this.seen;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.expected.size) {
      done(new BerthError('DIGEST_MISMATCH', `blob ${this.expected.digest}: more than the ${this.expected.size} bytes its descriptor gives: refused`));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.seen !== this.expected.size) {
      done(new BerthError('DIGEST_MISMATCH', `blob ${this.expected.digest}: ${this.seen} bytes, but its descriptor gives ${this.expected.size}: refused`));
      return;
    }
    const actual = `${this.algorithm}:${this.hash.digest('hex')}`;
    if (actual !== this.expected.digest) {
      done(new BerthError('DIGEST_MISMATCH', `blob ${this.expected.digest}: the bytes hash to ${actual}: refused`));
      return;
    }
    done();
  }
}

/** A verifying pass-through for a blob's bytes; pipe it before whatever stores them and let its error abort that. */
export function verifyBlob(expected: ExpectedBlob, options: VerifyOptions = {}): BlobVerifier {
  return new BlobVerifier(expected, options);
}
