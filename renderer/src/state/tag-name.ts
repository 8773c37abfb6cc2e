// Checks a name typed into the tag or import dialog, as the user types: docker's reference rules (the core's own
// grammar, from shared/ref), and whether the name already points at another image, which tagging would take it from.
import type { ImageSummary } from '../../../shared/api';
import { toErrorPayload } from '../../../shared/errors';
import { familiarString, parseReference, tagReference } from '../../../shared/ref/reference';
import { displayName } from './rows';

/** The image a name would be taken from. */
export interface TagLoser {
  id: string;
  manifestDigest: string;
  /** Its other tags (familiar `repo:tag`), which it keeps. */
  otherTags: string[];
  /** True when the name is its last tag: it stays in the store as `<none>:<none>`, as docker keeps it. */
  becomesDangling: boolean;
}

export type TagNameCheck =
  | { kind: 'empty' }
  | { kind: 'invalid'; reason: string }
  /** A valid name; `moves` is set when it names another image now. */
  | { kind: 'valid'; reference: string; name: string; alreadyHere: boolean; moves: TagLoser | null };

/**
 * `input` checked against docker's rules and the images the window knows. `sourceManifest` is the manifest digest the
 * name would point at (the tag dialog's image), or null for an image that does not exist yet (an import): then any
 * image the name points at now loses it. The core compares manifest digests too (image/index-entries.ts setTag).
 */
export function checkTagName(input: string, images: readonly ImageSummary[], sourceManifest: string | null): TagNameCheck {
  const text = input.trim();
  if (text === '') return { kind: 'empty' };
  let reference: string;
  try {
    reference = tagReference(text);
  } catch (err) {
    return { kind: 'invalid', reason: inUserWords(toErrorPayload(err).message, text) };
  }
  const name = familiarString(parseReference(reference));
  const current = images.find((image) => image.reference === reference);
  if (!current) return { kind: 'valid', reference, name, alreadyHere: false, moves: null };
  if (sourceManifest !== null && current.manifestDigest === sourceManifest) {
    return { kind: 'valid', reference, name, alreadyHere: true, moves: null };
  }
  const otherTags = images
    .filter((image) => !image.dangling && image.manifestDigest === current.manifestDigest && image.reference !== reference)
    .map(displayName);
  return {
    kind: 'valid',
    reference,
    name,
    alreadyHere: false,
    moves: { id: current.id, manifestDigest: current.manifestDigest, otherTags, becomesDangling: otherTags.length === 0 },
  };
}

/**
 * The row the tag dialog's source names: `repo:tag` as rowTarget gives it, or an image ID for a dangling image.
 * Null when the list does not hold it (not loaded yet, or removed meanwhile).
 */
export function findTagSource(images: readonly ImageSummary[], source: string): ImageSummary | null {
  if (source.startsWith('sha256:')) return images.find((image) => image.id === source) ?? null;
  let reference: string;
  try {
    reference = tagReference(source);
  } catch {
    return null;
  }
  return images.find((image) => image.reference === reference) ?? null;
}

/**
 * docker's reason, unless it speaks of what the user did not type: for `UPPER:1` docker says the repository name
 * "library/UPPER" must be lowercase, naming the library/ its normalisation added.
 */
export function inUserWords(reason: string, typed: string): string {
  if (/repository name \(.*\) must be lowercase/.test(reason)) {
    return `Image names must be lowercase: “${typed.split(/[:@]/)[0]}” has capitals (tags may have them, as in app:V1)`;
  }
  return reason;
}
