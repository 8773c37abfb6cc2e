// The import form's fields.
import type { ChangeEvent } from 'react';

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
}

export function ImportFields({ form, onChange, disabled }: ImportFieldsProps) {
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
        />
      </label>
      <label className="field">
        <span className="field-label">Changes</span>
        <textarea
          className="mono"
          rows={3}
          placeholder={'One Dockerfile instruction per line, e.g.\nCMD ["/bin/sh"]\nENV LANG=C.UTF-8'}
          {...bind('changes')}
          spellCheck={false}
        />
      </label>
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
          />
        </label>
      </div>
    </fieldset>
  );
}
