import { describe, expect, it } from 'vitest';
import { compareDigests, digestsFor } from './update-status.js';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;

describe('update status', () => {
  it('takes only the repo digests of the image’s own repository', () => {
    const repoDigests = [`docker.io/library/ubuntu@${A}`, `127.0.0.1:5000/ubuntu@${B}`, `docker.io/library/ubuntu-extra@${B}`];
    expect(digestsFor('docker.io/library/ubuntu', repoDigests)).toEqual([A]);
    expect(digestsFor('127.0.0.1:5000/ubuntu', repoDigests)).toEqual([B]);
    expect(digestsFor('docker.io/library/debian', repoDigests)).toEqual([]);
  });

  it('is up to date when the registry names a digest the image was pulled as, else an update is available', () => {
    expect(compareDigests([A], A)).toBe('up-to-date');
    expect(compareDigests([B, A], A)).toBe('up-to-date');
    expect(compareDigests([A], B)).toBe('update-available');
  });
});
