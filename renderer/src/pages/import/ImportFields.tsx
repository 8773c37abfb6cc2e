// The import form's fields; the name is checked as it is typed, as the tag dialog checks it, and the changes and
// platform by the service's own parsers (useImportCheck), each reason shown under its field.
import { CHANGE_COMMANDS } from '../../../../shared/change-commands';
import { useId, type ChangeEvent } from 'react';
import { TagNameNotes } from '../../components/TagNameNotes';
import type { TagNameCheck } from '../../state/tag-name';
import type { ImportCheck } from './useImportCheck';

export interface ImportForm {
  reference: string;
  changes: string;
  message: string;
  platform: string;
}

interface ImportFieldsProps {
  form: ImportForm;
  onChange(form: ImportForm): void;
  disabled: boolean;
  /** The name checked against docker's rules and the images there are. */
  nameCheck: TagNameCheck;
  moveConfirmed: boolean;
  onConfirmMove(yes: boolean): void;
  /** What the service said of the changes and the platform. */
  check: ImportCheck;
}

export function ImportFields({ form, onChange, disabled, nameCheck, moveConfirmed, onConfirmMove, check }: ImportFieldsProps) {
  const notesId = useId();
  const changesProblemId = useId();
  const platformProblemId = useId();
  const changesProblem = check.changes && (check.changes.line === null ? check.changes.message : `Line ${check.changes.line}: ${check.changes.message}`) + allowedAfter(check.changes.message);
  const bind = (field: keyof ImportForm) => ({
    value: form[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange({ ...form, [field]: event.target.value }),
  });
  return (
    <fieldset className="fields" disabled={disabled}>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          type="text"
          className="mono"
          placeholder="REPOSITORY[:TAG] — leave empty for an untagged image"
          {...bind('reference')}
          autoFocus
          spellCheck={false}
          aria-invalid={nameCheck.kind === 'invalid'}
          aria-describedby={notesId}
        />
      </label>
      <TagNameNotes
        id={notesId}
        check={nameCheck}
        confirmed={moveConfirmed}
        onConfirm={onConfirmMove}
        action="Importing"
        target="the imported image"
        disabled={disabled}
        typed={form.reference}
      />
      <label className="field">
        <span className="field-label">Changes</span>
        <textarea
          className="mono"
          rows={3}
          placeholder={'One Dockerfile instruction per line, e.g.\nCMD ["/bin/sh"]\nENV LANG=C.UTF-8'}
          {...bind('changes')}
          spellCheck={false}
          aria-invalid={changesProblem ? true : undefined}
          aria-describedby={changesProblemId}
        />
      </label>
      <div id={changesProblemId} className="field-notes" aria-live="polite">
        {changesProblem && <p className="field-problem">{changesProblem}</p>}
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Message</span>
          <input
            type="text"
            placeholder="Commit message (optional)"
            {...bind('message')}
          />
        </label>
        <label className="field field-narrow">
          <span className="field-label">Platform</span>
          <input
            type="text"
            className="mono"
            placeholder="this machine's"
            {...bind('platform')}
            spellCheck={false}
            aria-invalid={check.platform ? true : undefined}
            aria-describedby={platformProblemId}
          />
        </label>
      </div>
      <div id={platformProblemId} className="field-notes" aria-live="polite">
        {check.platform && <p className="field-problem">{check.platform}</p>}
      </div>
    </fieldset>
  );
}

/** docker's message names the refused instruction in lower case; the dialog also says which ones `-c` takes. */
function allowedAfter(message: string): string {
  return /is not a valid change command/.test(message)
    ? ` (allowed: ${CHANGE_COMMANDS.map((command) => command.toUpperCase()).join(', ')})`
    : '';
}
