import { createHash } from 'node:crypto';
import { BerthError } from '../../../shared/errors.js';
import { digestProblem } from '../../../shared/ref/digest-format.js';

export interface ParsedDigest {
  algorithm: string;
  hex: string;
}

export { digestProblem };

/** A digest docker would accept (sha256, sha384 or sha512, go-digest's rules). */
export function isDigest(s: unknown): s is string {
  return typeof s === 'string' && digestProblem(s) === null;
}

/** The 64 lowercase hex digits of a sha256 digest: how blobs are named in an OCI layout. */
export const SHA256_HEX = /^[a-f0-9]{64}$/;

const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** A digest the store can address: Berth names and verifies blobs by sha256 only. */
export function isSha256Digest(s: unknown): s is string {
  // One test, no substring: index.json is checked entry by entry on every listing (50,000 tags, 50,000 calls).
  return typeof s === 'string' && SHA256_DIGEST.test(s);
}

/** The hex part of a `sha256:` digest; anything else (other algorithms, upper case, paths) is refused. */
export function digestHex(digest: string): string {
  if (!isSha256Digest(digest)) throw new BerthError('INVALID_ARGUMENT', `not a sha256 digest: ${JSON.stringify(digest)}`);
  return digest.slice(7);
}

/** Splits `algorithm:hex`, refusing anything docker would refuse. */
export function parseDigest(s: string): ParsedDigest {
  if (typeof s !== 'string') throw new BerthError('INVALID_ARGUMENT', `a digest must be a string, got ${typeof s}`);
  const problem = digestProblem(s);
  if (problem !== null) throw new BerthError('INVALID_ARGUMENT', problem);
  const colon = s.indexOf(':');
  return { algorithm: s.slice(0, colon), hex: s.slice(colon + 1) };
}

/** `sha256:<hex>` of bytes already in memory (manifests, configs); stream layers through a Hash instead. */
export function sha256Digest(data: Uint8Array | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
