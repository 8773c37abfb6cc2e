import { describe, expect, it } from 'vitest';
import type { UpdateCheck } from '../../../shared/api';
import { updateMark } from './updates-slice';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const check = (over: Partial<UpdateCheck>): UpdateCheck => ({ reference: 'docker.io/library/x:1', status: 'up-to-date', remoteDigest: A, error: null, checkedAt: '2026-01-01T00:00:00Z', ...over });

describe('updateMark', () => {
  it('marks an update, or a failed check; nothing when up to date, not checked or never asked', () => {
    expect(updateMark({ repoDigest: `x@${A}` }, check({ status: 'update-available', remoteDigest: B }))).toBe('update-available');
    expect(updateMark({ repoDigest: `x@${A}` }, check({ status: 'error', remoteDigest: null, error: 'down' }))).toBe('error');
    expect(updateMark({ repoDigest: `x@${A}` }, check({}))).toBeNull();
    expect(updateMark({ repoDigest: null }, check({ status: 'not-checked', remoteDigest: null }))).toBeNull();
    expect(updateMark({ repoDigest: `x@${A}` }, undefined)).toBeNull();
  });

  it('drops the mark once the image is what the registry named (pulled since the check)', () => {
    expect(updateMark({ repoDigest: `x@${B}` }, check({ status: 'update-available', remoteDigest: B }))).toBeNull();
  });
});
