// A reference typed into the Pull dialog, checked as typed with docker's grammar (shared/ref): unlike a tag name a
// digest is fine (`alpine@sha256:…`). The full name is what docker completes it to (`alpine` -> docker.io/library/alpine:latest).
import { toErrorPayload } from '../../../../shared/errors';
import { normalizeReference } from '../../../../shared/ref/reference';
import { inUserWords } from '../../state/tag-name';

export type PullReferenceCheck = { kind: 'empty' } | { kind: 'invalid'; reason: string } | { kind: 'valid'; full: string; completed: boolean };

export function checkPullReference(input: string): PullReferenceCheck {
  const text = input.trim();
  if (text === '') return { kind: 'empty' };
  try {
    const full = normalizeReference(text);
    return { kind: 'valid', full, completed: full !== text };
  } catch (err) {
    return { kind: 'invalid', reason: inUserWords(toErrorPayload(err).message, text) };
  }
}
