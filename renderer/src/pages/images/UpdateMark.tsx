// The mark beside a tag whose registry now names another image ("Update available"), or that could not be asked
// (a quiet "?" with the reason on hover). Nothing for an image that is up to date or never checked. Hidden from
// assistive technology here: the row carries the same words as its description (updateDescription), so the tag
// cell's name stays the tag.
import type { UpdateCheck } from '../../../../shared/api';

export function UpdateMark({ mark, check }: { mark: 'update-available' | 'error' | null; check: UpdateCheck | undefined }) {
  if (!mark || !check) return null;
  const when = new Date(check.checkedAt).toLocaleString();
  if (mark === 'error') {
    return (
      <span className="update-mark update-unknown" aria-hidden="true" data-update="error" title={`Could not check for updates (${when}): ${check.error ?? 'unknown error'}`}>
        ?
      </span>
    );
  }
  return (
    <span className="update-mark update-available" aria-hidden="true" data-update="available" title={`The registry's tag now names another image (${check.remoteDigest ?? ''}), checked ${when}. Pull to update.`}>
      Update
    </span>
  );
}

/** The row's aria-description for its mark. */
export function updateDescription(mark: 'update-available' | 'error' | null, check: UpdateCheck | undefined): string | undefined {
  if (mark === 'update-available') return 'Update available in the registry';
  if (mark === 'error') return `Could not check for updates: ${check?.error ?? 'unknown error'}`;
  return undefined;
}
