// What a user typed (a reference, a name@digest, a full or short image ID) resolved against a list of images, in
// docker's order (moby's daemon/images GetImage): a full ID first, then a name normalised with docker's grammar
// (`alpine` is docker.io/library/alpine:latest), then an ID prefix. One order for the core's records and the app's
// rows (the filter box's before=/since=), each telling it how to read its items.
import { BerthError } from './errors.js';
import { normalizeReference, parseReference, type ImageReference } from './ref/reference.js';

export interface ResolveAccess<T> {
  /** The image ID, `sha256:<hex>`. */
  id(item: T): string;
  /** The full normalised reference of a tag, null when dangling. */
  reference(item: T): string | null;
  /** The item a `name@digest` names (by a repo digest, or a manifest digest within that repository), if any. */
  byDigest(named: ImageReference): T | undefined;
}

export interface Resolved<T> {
  /** How the input matched: by a tag reference, a digest reference, or the image ID. */
  by: 'reference' | 'digest' | 'id';
  id: string;
  /** The item matched (by ID: the first with that ID). */
  item: T;
}

const HEX = /^[a-f0-9]+$/;

export function resolveImageInput<T>(items: readonly T[], input: string, access: ResolveAccess<T>): Resolved<T> {
  const trimmed = input.trim();
  if (!trimmed) throw new BerthError('INVALID_ARGUMENT', 'image name or ID must not be empty');

  const idMatch = /^sha256:([a-f0-9]{1,64})$/.exec(trimmed);
  if (idMatch?.[1] || (HEX.test(trimmed) && trimmed.length === 64)) return byIdPrefix(items, idMatch?.[1] ?? trimmed, input, access);

  let named: ImageReference | null = null;
  try {
    named = parseReference(trimmed);
  } catch (err) {
    if (!HEX.test(trimmed)) throw err;
  }
  if (named?.digest) {
    const item = access.byDigest(named);
    if (item !== undefined) return { by: 'digest', id: access.id(item), item };
  } else if (named) {
    const full = normalizeReference(trimmed);
    const item = items.find((candidate) => access.reference(candidate) === full);
    if (item !== undefined) return { by: 'reference', id: access.id(item), item };
  }
  if (HEX.test(trimmed)) return byIdPrefix(items, trimmed, input, access);
  throw new BerthError('NOT_FOUND', `No such image: ${input}`);
}

function byIdPrefix<T>(items: readonly T[], hexPrefix: string, input: string, access: ResolveAccess<T>): Resolved<T> {
  const ids = new Set(items.map(access.id).filter((id) => id.slice('sha256:'.length).startsWith(hexPrefix)));
  if (ids.size === 0) throw new BerthError('NOT_FOUND', `No such image: ${input}`);
  if (ids.size > 1) {
    throw new BerthError('AMBIGUOUS', `image ID prefix ${hexPrefix} is ambiguous: it matches ${ids.size} images; type more of the ID`);
  }
  const [id] = [...ids] as [string];
  return { by: 'id', id, item: items.find((item) => access.id(item) === id)! };
}
