// What the tag and import dialogs say under their name field as the user types: docker's reason for a bad name, or
// which image a name would be taken from, with the confirmation moving it needs.
import { useMemo, useState } from 'react';
import { shortId } from '../../../shared/format';
import { useAppStore } from '../state/store';
import { checkTagName, type TagNameCheck } from '../state/tag-name';

/** The check for `input`, against the image list the window holds (kept current by store.changed). */
export function useTagNameCheck(input: string, sourceManifest: string | null): TagNameCheck {
  const images = useAppStore((state) => state.images);
  return useMemo(() => checkTagName(input, images, sourceManifest), [input, images, sourceManifest]);
}

/**
 * The user's yes to moving a name, for that name and that losing image only: typing another name, or the name
 * moving to yet another image meanwhile, asks again.
 */
export function useMoveConfirmation(check: TagNameCheck) {
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  const key = check.kind === 'valid' && check.moves ? `${check.reference} ${check.moves.manifestDigest}` : null;
  // Any change of name or loser forgets the yes, so coming back to a name asks again (React's derived-state reset).
  const [seenKey, setSeenKey] = useState(key);
  if (seenKey !== key) {
    setSeenKey(key);
    setConfirmedFor(null);
  }
  return {
    confirmed: key !== null && confirmedFor === key,
    setConfirmed: (yes: boolean) => setConfirmedFor(yes ? key : null),
    /** False for an invalid name, or a move not yet confirmed. An empty name is the caller's call. */
    ready: check.kind === 'empty' || (check.kind === 'valid' && (check.moves === null || confirmedFor === key)),
  };
}

interface TagNameNotesProps {
  /** For the input's aria-describedby. */
  id: string;
  check: TagNameCheck;
  confirmed: boolean;
  onConfirm(yes: boolean): void;
  /** "Tagging" or "Importing": what moves the name. */
  action: string;
  /** What gets the name: "this image", "the imported image". */
  target: string;
  disabled?: boolean;
  /** What the user typed: when docker's rules complete it (`:latest`, a registry), the full name is shown. */
  typed?: string;
}

const LISTED_TAGS = 3;

export function TagNameNotes({ id, check, confirmed, onConfirm, action, target, disabled, typed }: TagNameNotesProps) {
  const completed = check.kind === 'valid' && typed !== undefined && check.name !== typed.trim();
  return (
    <div id={id} className="tag-name-notes" aria-live="polite">
      {check.kind === 'invalid' && <p className="field-problem">{check.reason}</p>}
      {check.kind === 'valid' && check.alreadyHere && <p className="muted small">{check.name} already names this image.</p>}
      {completed && !check.alreadyHere && !check.moves && (
        <p className="muted small">
          The name will be <code className="mono">{check.name}</code>.
        </p>
      )}
      {check.kind === 'valid' && check.moves && (
        <div className="tag-move">
          <p>
            <strong>{check.name}</strong> already names image <code className="mono">{shortId(check.moves.id)}</code>. {action} moves
            the name to {target}.{' '}
            {check.moves.becomesDangling ? (
              <>
                It is that image&apos;s only tag: image <code className="mono">{shortId(check.moves.id)}</code> stays in the store
                as <code className="mono">&lt;none&gt;:&lt;none&gt;</code>.
              </>
            ) : (
              <>
                Image <code className="mono">{shortId(check.moves.id)}</code> keeps{' '}
                {check.moves.otherTags.length === 1 ? 'its other tag' : 'its other tags'}{' '}
                {check.moves.otherTags.slice(0, LISTED_TAGS).join(', ')}
                {check.moves.otherTags.length > LISTED_TAGS ? ` and ${check.moves.otherTags.length - LISTED_TAGS} more` : ''}.
              </>
            )}
          </p>
          <label className="check-row">
            <input type="checkbox" checked={confirmed} onChange={(event) => onConfirm(event.target.checked)} disabled={disabled} />
            <span>
              Move {check.name} from image {shortId(check.moves.id)}
            </span>
          </label>
        </div>
      )}
    </div>
  );
}
