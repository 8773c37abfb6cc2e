// The commit form's fields, docker commit's flags in the order `docker commit --help` lists them, plus what only
// each source has: files to add for an image from Berth's store, Pause for a running container.
import { useId, type ChangeEvent } from 'react';
import { CHANGE_COMMANDS } from '../../../../shared/change-commands';
import { TagNameNotes } from '../../components/TagNameNotes';
import type { TagNameCheck } from '../../state/tag-name';
import type { ImportCheck } from '../import/useImportCheck';

export interface CommitAddRow {
  path: string;
  dest: string;
}

export interface CommitForm {
  reference: string;
  changes: string;
  message: string;
  author: string;
  pause: boolean;
  adds: CommitAddRow[];
}

interface CommitFieldsProps {
  form: CommitForm;
  onChange(form: CommitForm): void;
  /** Files can be added to an image; a container brings its own changes. */
  source: 'image' | 'container';
  disabled: boolean;
  nameCheck: TagNameCheck;
  moveConfirmed: boolean;
  onConfirmMove(yes: boolean): void;
  check: ImportCheck;
}

export function CommitFields({ form, onChange, source, disabled, nameCheck, moveConfirmed, onConfirmMove, check }: CommitFieldsProps) {
  const notesId = useId();
  const changesProblemId = useId();
  const changesProblem = check.changes && (check.changes.line === null ? check.changes.message : `Line ${check.changes.line}: ${check.changes.message}`) + allowedAfter(check.changes.message);
  const bind = (field: 'reference' | 'changes' | 'message' | 'author') => ({
    value: form[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange({ ...form, [field]: event.target.value }),
  });
  const setAdd = (index: number, row: CommitAddRow) => onChange({ ...form, adds: form.adds.map((add, i) => (i === index ? row : add)) });
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
        action="Committing"
        target="the new image"
        disabled={disabled}
        typed={form.reference}
      />
      {source === 'image' && (
        <div className="field commit-adds">
          <span className="field-label">Add files</span>
          {form.adds.map((add, index) => (
            <div className="commit-add" key={index}>
              <input
                type="text"
                className="mono"
                aria-label={`Folder or tarball ${index + 1}`}
                placeholder="/path/to/folder or /path/to/rootfs.tar on this machine"
                value={add.path}
                spellCheck={false}
                onChange={(event) => setAdd(index, { ...add, path: event.target.value })}
              />
              <span className="muted">at</span>
              <input
                type="text"
                className="mono commit-dest"
                aria-label={`Destination in the image ${index + 1}`}
                placeholder="/"
                value={add.dest}
                spellCheck={false}
                onChange={(event) => setAdd(index, { ...add, dest: event.target.value })}
              />
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove folder or tarball ${index + 1}`}
                onClick={() => onChange({ ...form, adds: form.adds.filter((_, i) => i !== index) })}
              >
                Remove
              </button>
            </div>
          ))}
          <div>
            <button type="button" className="button button-small" onClick={() => onChange({ ...form, adds: [...form.adds, { path: '', dest: '' }] })}>
              Add a folder or tarball
            </button>
          </div>
          <p className="muted small commit-hint">
            Each becomes one layer: a folder keeps owners, modes, links and times (the same folder gives the same layer); a tarball goes in at / as it is.
          </p>
        </div>
      )}
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
          <input type="text" placeholder="Commit message (optional)" {...bind('message')} />
        </label>
        <label className="field">
          <span className="field-label">Author</span>
          <input type="text" placeholder="Jane Doe <jane@example.com>" {...bind('author')} />
        </label>
      </div>
      {source === 'container' && (
        <label className="check-field">
          <input type="checkbox" checked={form.pause} onChange={(event) => onChange({ ...form, pause: event.target.checked })} />
          <span>Pause the container while committing</span>
        </label>
      )}
    </fieldset>
  );
}

/** docker's message names the refused instruction in lower case; the form also says which ones are allowed. */
function allowedAfter(message: string): string {
  return /is not a valid change command/.test(message)
    ? ` (allowed: ${CHANGE_COMMANDS.map((command) => command.toUpperCase()).join(', ')})`
    : '';
}
