// The import form's fields.
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
  return (
    <fieldset className="fields" disabled={disabled}>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          type="text"
          className="mono"
          placeholder="REPOSITORY[:TAG] — leave empty for an untagged image"
          value={form.reference}
          onChange={(event) => onChange({ ...form, reference: event.target.value })}
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
          value={form.changes}
          onChange={(event) => onChange({ ...form, changes: event.target.value })}
          spellCheck={false}
        />
      </label>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Message</span>
          <input
            type="text"
            placeholder="Commit message (optional)"
            value={form.message}
            onChange={(event) => onChange({ ...form, message: event.target.value })}
          />
        </label>
        <label className="field field-narrow">
          <span className="field-label">Platform</span>
          <input
            type="text"
            className="mono"
            placeholder="this machine's"
            value={form.platform}
            onChange={(event) => onChange({ ...form, platform: event.target.value })}
            spellCheck={false}
          />
        </label>
      </div>
    </fieldset>
  );
}
