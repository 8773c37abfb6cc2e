import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../../shared/api';
import { BerthError, toErrorPayload } from '../../../shared/errors';
import { tagReference } from '../../../shared/ref/reference';
import { checkTagName, findTagSource } from './tag-name';

const ID_A = `sha256:${'a'.repeat(64)}`;
const ID_B = `sha256:${'b'.repeat(64)}`;
const M_A = `sha256:${'1'.repeat(64)}`;
const M_B = `sha256:${'2'.repeat(64)}`;

function row(reference: string | null, id: string, manifestDigest: string): ImageSummary {
  const familiar = reference?.replace('docker.io/library/', '') ?? '<none>:<none>';
  const colon = familiar.lastIndexOf(':');
  return {
    id, repository: familiar.slice(0, colon), tag: familiar.slice(colon + 1), reference, manifestDigest, repoDigest: null,
    created: '2024-01-01T00:00:00Z', size: 1, diskSize: 1, sharedSize: 0, labels: {}, dangling: reference === null,
  };
}

const images = [
  row('docker.io/library/app:1', ID_A, M_A),
  row('docker.io/library/web:1', ID_B, M_B),
  row('docker.io/library/web:stable', ID_B, M_B),
  row('docker.io/library/solo:1', ID_B, M_A.replace('1', '3')),
];

/** The message the core's own check gives (what `berth tag` would print after `Error: `). */
function coreReason(input: string): string {
  try {
    tagReference(input);
  } catch (err) {
    expect(err).toBeInstanceOf(BerthError);
    return toErrorPayload(err).message;
  }
  throw new Error(`${input} is valid`);
}

describe('checkTagName', () => {
  it('is empty for blank input, so the dialog can disable submit without an error', () => {
    expect(checkTagName('   ', images, M_A)).toEqual({ kind: 'empty' });
  });

  it.each([
    ['app:-x', 'tag "-x"'],
    ['app@sha256:' + 'c'.repeat(64), 'refusing to create a tag with a digest reference'],
    ['a'.repeat(64), 'cannot specify 64-byte hexadecimal strings'],
    ['bad_host.com:x/app', 'invalid reference format'],
    ['app::1', 'invalid reference format'],
  ])('gives the core\'s reason for %s', (input, fragment) => {
    const check = checkTagName(input, images, M_A);
    expect(check.kind).toBe('invalid');
    if (check.kind !== 'invalid') return;
    expect(check.reason).toContain(fragment);
    expect(check.reason).toBe(coreReason(input));
  });

  it('says capitals are refused in the name the user typed, not in the library/ name docker normalised it to', () => {
    const check = checkTagName('Upper:V1', images, M_A);
    expect(check).toEqual({ kind: 'invalid', reason: 'Image names must be lowercase: “Upper” has capitals (tags may have them, as in app:V1)' });
    expect(coreReason('Upper:V1')).toContain('repository name (library/Upper) must be lowercase');
  });

  it('normalises a new name and says nothing moves', () => {
    expect(checkTagName(' app:2 ', images, M_A)).toEqual({
      kind: 'valid', reference: 'docker.io/library/app:2', name: 'app:2', alreadyHere: false, moves: null,
    });
    expect(checkTagName('ghcr.io/x/y', images, M_A)).toMatchObject({ reference: 'ghcr.io/x/y:latest', name: 'ghcr.io/x/y:latest' });
  });

  it('knows a name that already points at the source image', () => {
    expect(checkTagName('docker.io/library/app:1', images, M_A)).toMatchObject({ kind: 'valid', alreadyHere: true, moves: null });
  });

  it('names the image that loses the tag and keeps its other tags', () => {
    expect(checkTagName('web:1', images, M_A)).toMatchObject({
      kind: 'valid', name: 'web:1', alreadyHere: false,
      moves: { id: ID_B, manifestDigest: M_B, otherTags: ['web:stable'], becomesDangling: false },
    });
  });

  it('says the other image becomes <none> when the name is its last tag', () => {
    expect(checkTagName('solo:1', images, M_A)).toMatchObject({ moves: { id: ID_B, otherTags: [], becomesDangling: true } });
  });

  it('treats every existing name as a move for an image that does not exist yet (import)', () => {
    expect(checkTagName('app:1', images, null)).toMatchObject({ moves: { id: ID_A, becomesDangling: true } });
    expect(checkTagName('app:9', images, null)).toMatchObject({ moves: null });
  });

  it('ignores dangling rows when counting the other image\'s tags', () => {
    const withDangling = [...images, row(null, ID_B, M_B)];
    expect(checkTagName('web:stable', withDangling, M_A)).toMatchObject({ moves: { otherTags: ['web:1'] } });
  });
});

describe('findTagSource', () => {
  it('finds the row by familiar name or by ID', () => {
    expect(findTagSource(images, 'app:1')?.manifestDigest).toBe(M_A);
    expect(findTagSource(images, 'web')).toBeNull();
    expect(findTagSource(images, ID_B)?.id).toBe(ID_B);
    expect(findTagSource(images, 'Not Valid')).toBeNull();
  });
});
