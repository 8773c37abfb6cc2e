// The commit form's fields, docker commit's flags in the order `docker commit --help` lists them, plus what only
// each source has: files to add for an image from Berth's store, Pause for a running container.
import { useRef, useState, type ChangeEvent, type DragEvent } from 'react';
import { SizeText } from '../../components/SizeText';
import { ChangesField, ImageNameField } from '../../components/ImageFormFields';
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
  /** A tarball dropped or chosen here: handed to Berth as a file and added at / as one more layer. */
  tarball: File | null;
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
  const bind = (field: 'reference' | 'changes' | 'message' | 'author') => ({
    value: form[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange({ ...form, [field]: event.target.value }),
  });
  const setAdd = (index: number, row: CommitAddRow) => onChange({ ...form, adds: form.adds.map((add, i) => (i === index ? row : add)) });
  return (
    <fieldset className="fields" disabled={disabled}>
      <ImageNameField
        value={form.reference}
        onChange={(reference) => onChange({ ...form, reference })}
        check={nameCheck}
        moveConfirmed={moveConfirmed}
        onConfirmMove={onConfirmMove}
        action="Committing"
        target="the new image"
        disabled={disabled}
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
          <TarballDrop file={form.tarball} onFile={(tarball) => onChange({ ...form, tarball })} disabled={disabled} />
          <p className="muted small commit-hint">
            Each becomes one layer: a folder keeps owners, modes, links and times (the same folder gives the same layer); a tarball goes in at / as it is.
          </p>
        </div>
      )}
      <ChangesField value={form.changes} onChange={(changes) => onChange({ ...form, changes })} check={check} />
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

/**
 * Where a tarball can be dropped (or chosen). A folder cannot be handed over by a drop — the page gets no path for it —
 * so dropping one says to type its path above instead.
 */
function TarballDrop({ file, onFile, disabled }: { file: File | null; onFile(file: File | null): void; disabled: boolean }) {
  const [over, setOver] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const hold = (event: DragEvent) => {
    // The window's own drop (load or import) must not see a drop meant for this form.
    event.preventDefault();
    event.stopPropagation();
  };
  function drop(event: DragEvent) {
    hold(event);
    setOver(false);
    if (disabled) return;
    const item = event.dataTransfer.items[0];
    if (item?.webkitGetAsEntry()?.isDirectory) {
      setNote('A dropped folder reaches the page without its path: type the folder\'s path above.');
      return;
    }
    const dropped = event.dataTransfer.files[0];
    if (dropped) {
      setNote(null);
      onFile(dropped);
    }
  }
  if (file) {
    return (
      <div className="commit-tarball" aria-label="Dropped tarball">
        <span className="mono">{file.name}</span>
        <span className="muted">
          <SizeText bytes={file.size} /> · added at /
        </span>
        <button type="button" className="button button-small" onClick={() => onFile(null)} aria-label={`Remove ${file.name}`}>
          Remove
        </button>
      </div>
    );
  }
  return (
    <>
      <div
        className={over ? 'commit-drop over' : 'commit-drop'}
        onDragEnter={(event) => {
          hold(event);
          setOver(true);
        }}
        onDragOver={hold}
        onDragLeave={(event) => {
          hold(event);
          setOver(false);
        }}
        onDrop={drop}
      >
        <span>Drop a tarball here, or</span>
        <button type="button" className="button button-small" disabled={disabled} onClick={() => inputRef.current?.click()}>
          Choose a tarball…
        </button>
        <input
          ref={inputRef}
          type="file"
          hidden
          aria-label="Tarball to add"
          accept=".tar,.tgz,.gz,.xz,.zst,.txz,.tzst,application/x-tar,application/gzip"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (chosen) onFile(chosen);
          }}
        />
      </div>
      {note && (
        <p className="field-problem" role="alert">
          {note}
        </p>
      )}
    </>
  );
}

