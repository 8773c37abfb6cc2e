// go-digest's format rules, without hashing: browser-safe, so the renderer checks a digest as docker would.

/** Hex length per algorithm, as go-digest registers them (docker links sha256 and sha512, which brings sha384). */
const HEX_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

// go-digest's DigestRegexp: it only decides between "bad format" and "unsupported algorithm".
const DIGEST_SYNTAX = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const LOWER_HEX = /^[0-9a-f]+$/;

/**
 * Why `s` is not a digest docker would accept, or null when it is one. Follows go-digest's
 * order of checks so the leading words match docker's own messages; `where` names the input.
 */
export function digestProblem(s: string, where: string = s): string | null {
  const colon = s.indexOf(':');
  if (colon <= 0 || colon === s.length - 1) {
    return `invalid checksum digest format in "${where}": expected <algorithm>:<hex>`;
  }
  const algorithm = s.slice(0, colon);
  const hex = s.slice(colon + 1);
  const length = HEX_LENGTH[algorithm];
  if (length === undefined) {
    if (!DIGEST_SYNTAX.test(s)) {
      return `invalid checksum digest format in "${where}": expected <algorithm>:<hex>`;
    }
    const known = Object.keys(HEX_LENGTH).join(', ');
    return `unsupported digest algorithm "${algorithm}" in "${where}" (supported: ${known})`;
  }
  if (hex.length !== length) {
    return `invalid checksum digest length in "${where}": ${algorithm} needs ${length} hex digits, got ${hex.length}`;
  }
  if (!LOWER_HEX.test(hex)) {
    return `invalid checksum digest format in "${where}": ${algorithm} hex must be lowercase 0-9a-f`;
  }
  return null;
}
