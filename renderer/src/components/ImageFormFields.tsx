// The two fields every "make an image" form shares (Import, New image from…, Commit): the name, checked as it is
// typed as the tag dialog checks it (with the move warning), and the `-c` changes, checked by the service's own
// parser with the reason under the field (and, for a refused instruction, the ones docker allows).
import { useId } from 'react';
import { CHANGE_COMMANDS } from '../../../shared/change-commands';
import type { ImportCheck } from '../pages/import/useImportCheck';
import type { TagNameCheck } from '../state/tag-name';
import { TagNameNotes } from './TagNameNotes';

interface NameFieldProps {
  value: string;
  onChange(value: string): void;
  check: TagNameCheck;
  moveConfirmed: boolean;
  onConfirmMove(yes: boolean): void;
  /** The notes' words: "Importing" … "the imported image". */
  action: string;
  target: string;
  disabled: boolean;
}

export function ImageNameField({ value, onChange, check, moveConfirmed, onConfirmMove, action, target, disabled }: NameFieldProps) {
  const notesId = useId();
  return (
    <>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          type="text"
          className="mono"
          placeholder="REPOSITORY[:TAG] — leave empty for an untagged image"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          autoFocus
          spellCheck={false}
          aria-invalid={check.kind === 'invalid'}
          aria-describedby={notesId}
        />
      </label>
      <TagNameNotes
        id={notesId}
        check={check}
        confirmed={moveConfirmed}
        onConfirm={onConfirmMove}
        action={action}
        target={target}
        disabled={disabled}
        typed={value}
      />
    </>
  );
}

export function ChangesField({ value, onChange, check }: { value: string; onChange(value: string): void; check: ImportCheck }) {
  const problemId = useId();
  const problem = check.changes && (check.changes.line === null ? check.changes.message : `Line ${check.changes.line}: ${check.changes.message}`) + allowedAfter(check.changes.message);
  return (
    <>
      <label className="field">
        <span className="field-label">Changes</span>
        <textarea
          className="mono"
          rows={3}
          placeholder={'One Dockerfile instruction per line, e.g.\nCMD ["/bin/sh"]\nENV LANG=C.UTF-8'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problemId}
        />
      </label>
      <div id={problemId} className="field-notes" aria-live="polite">
        {problem && <p className="field-problem">{problem}</p>}
      </div>
    </>
  );
}

/** docker's message names the refused instruction in lower case; the form also says which ones `-c` takes. */
function allowedAfter(message: string): string {
  return /is not a valid change command/.test(message)
    ? ` (allowed: ${CHANGE_COMMANDS.map((command) => command.toUpperCase()).join(', ')})`
    : '';
}
