// The import form's fields; the name is checked as it is typed, as the tag dialog checks it, and the changes and
// platform by the service's own parsers (useImportCheck), each reason shown under its field.
import { useId, type ChangeEvent } from 'react';
import { ChangesField, ImageNameField } from '../../components/ImageFormFields';
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
  const platformProblemId = useId();
  const bind = (field: keyof ImportForm) => ({
    value: form[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange({ ...form, [field]: event.target.value }),
  });
  return (
    <fieldset className="fields" disabled={disabled}>
      <ImageNameField
        value={form.reference}
        onChange={(reference) => onChange({ ...form, reference })}
        check={nameCheck}
        moveConfirmed={moveConfirmed}
        onConfirmMove={onConfirmMove}
        action="Importing"
        target="the imported image"
        disabled={disabled}
      />
      <ChangesField value={form.changes} onChange={(changes) => onChange({ ...form, changes })} check={check} />
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

