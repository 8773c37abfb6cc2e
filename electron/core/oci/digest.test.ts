import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import { digestHex, digestProblem, isDigest, isSha256Digest, parseDigest, sha256Digest } from './digest.js';

const H64 = '0123456789abcdef'.repeat(4);

describe('parseDigest', () => {
  it.each([
    [`sha256:${H64}`, 'sha256', H64],
    [`sha384:${'a'.repeat(96)}`, 'sha384', 'a'.repeat(96)],
    [`sha512:${'b'.repeat(128)}`, 'sha512', 'b'.repeat(128)],
  ])('splits %s', (input, algorithm, hex) => {
    expect(parseDigest(input)).toEqual({ algorithm, hex });
    expect(isDigest(input)).toBe(true);
  });

  // input, then a fragment of the message; the leading words are go-digest's, as docker prints them.
  it.each([
    ['', 'invalid checksum digest format'],
    [H64, 'invalid checksum digest format'],
    [`:${H64}`, 'invalid checksum digest format'],
    ['sha256:', 'invalid checksum digest format'],
    [`sha256:${H64.slice(1)}`, 'invalid checksum digest length in "sha256:'],
    [`sha256:${H64}0`, 'sha256 needs 64 hex digits, got 65'],
    [`sha256:${H64.toUpperCase()}`, 'sha256 hex must be lowercase'],
    [`sha256:${'g'.repeat(64)}`, 'sha256 hex must be lowercase'],
    [`sha512:${'b'.repeat(64)}`, 'sha512 needs 128 hex digits, got 64'],
    [`md5:${'a'.repeat(32)}`, 'unsupported digest algorithm "md5"'],
    [`sha256+b64:${'a'.repeat(32)}`, 'unsupported digest algorithm "sha256+b64"'],
    [`md5:${'a'.repeat(31)}`, 'unsupported digest algorithm "md5"'],
    [`SHA256:${H64}`, 'invalid checksum digest format'],
    [`md5:${'a'.repeat(31)}!`, 'invalid checksum digest format'],
  ])('refuses %j', (input, fragment) => {
    expect(isDigest(input)).toBe(false);
    expect(digestProblem(input)).toContain(fragment);
    expect(() => parseDigest(input)).toThrow(BerthError);
    expect(() => parseDigest(input)).toThrow(fragment);
  });

  it('refuses a non-string without crashing', () => {
    expect(isDigest(42 as unknown as string)).toBe(false);
    expect(() => parseDigest(undefined as unknown as string)).toThrow('a digest must be a string');
  });
});

describe('sha256Digest', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Digest('')).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Digest(new TextEncoder().encode('abc'))).toBe(
      'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(isDigest(sha256Digest('x'))).toBe(true);
  });
});

describe('isSha256Digest and digestHex: what the store can address', () => {
  it('accepts lowercase sha256 only', () => {
    expect(isSha256Digest(`sha256:${H64}`)).toBe(true);
    expect(digestHex(`sha256:${H64}`)).toBe(H64);
    for (const bad of [`sha512:${'b'.repeat(128)}`, `sha256:${H64.toUpperCase()}`, `sha256:${H64}0`, `sha256:../${H64.slice(3)}`, H64, 42]) {
      expect(isSha256Digest(bad)).toBe(false);
      if (typeof bad === 'string') expect(() => digestHex(bad)).toThrow(/not a sha256 digest/);
    }
  });

  it('is stricter than isDigest, which accepts every algorithm docker does', () => {
    expect(isDigest(`sha512:${'b'.repeat(128)}`)).toBe(true);
    expect(isDigest(42)).toBe(false);
  });
});
