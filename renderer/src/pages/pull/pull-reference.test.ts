import { describe, expect, it } from 'vitest';
import { checkPullReference } from './pull-reference';

describe('checkPullReference', () => {
  it('says the full name docker completes, and not when the user typed it whole', () => {
    expect(checkPullReference(' alpine ')).toEqual({ kind: 'valid', full: 'docker.io/library/alpine:latest', completed: true });
    expect(checkPullReference('127.0.0.1:5000/test/app:1')).toEqual({ kind: 'valid', full: '127.0.0.1:5000/test/app:1', completed: false });
  });

  it('takes a digest reference, which a tag name may not be', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    expect(checkPullReference(`alpine@${digest}`)).toMatchObject({ kind: 'valid', full: `docker.io/library/alpine@${digest}` });
  });

  it('refuses what docker refuses, in the user’s words', () => {
    expect(checkPullReference('')).toEqual({ kind: 'empty' });
    expect(checkPullReference('Alpine')).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('must be lowercase') });
    expect(checkPullReference('app:bad tag')).toMatchObject({ kind: 'invalid' });
  });
});
