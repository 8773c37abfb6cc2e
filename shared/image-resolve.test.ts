// docker's order: a full ID, then a name (normalised), then an ID prefix; a prefix two images share is ambiguous.
import { describe, expect, it } from 'vitest';
import { resolveImageInput, type ResolveAccess } from './image-resolve.js';

interface Item { id: string; reference: string | null }
const A = `sha256:${'ab'.repeat(32)}`;
const B = `sha256:${'ac'.repeat(32)}`;
const items: Item[] = [
  { id: A, reference: 'docker.io/library/alpine:latest' },
  { id: B, reference: 'docker.io/library/abab:1' },
  { id: B, reference: null },
];
const access: ResolveAccess<Item> = { id: (i) => i.id, reference: (i) => i.reference, byDigest: () => undefined };
const resolve = (input: string) => resolveImageInput(items, input, access);

describe('resolveImageInput', () => {
  it('takes a full ID, then a name as docker normalises it, then an ID prefix', () => {
    expect(resolve(A)).toMatchObject({ by: 'id', id: A });
    expect(resolve('alpine')).toMatchObject({ by: 'reference', id: A });
    expect(resolve('abab:1')).toMatchObject({ by: 'reference', id: B });
    expect(resolve('abab')).toMatchObject({ by: 'id', id: A }); // no abab:latest, so a hex prefix of A's ID
    expect(resolve('ac')).toMatchObject({ by: 'id', id: B });
  });

  it('refuses what is ambiguous, absent or empty, naming it', () => {
    expect(() => resolve('a')).toThrow(/image ID prefix a is ambiguous: it matches 2 images/);
    expect(() => resolve('busybox')).toThrow('No such image: busybox');
    expect(() => resolve('  ')).toThrow(/must not be empty/);
  });
});
