// An ordered list of strings to edit in place: each entry its own field (checked as typed), moved up or down,
// removed; a field at the end adds one. Used for registry mirrors (order matters: tried first to last) and
// insecure registries.
import { useState } from 'react';
import { Icon } from '../../components/Icon';

interface ListEditorProps {
  /** Names the list for assistive technology and the buttons (`mirror`). */
  noun: string;
  label: string;
  items: string[];
  placeholder: string;
  problem(value: string): string | null;
  onChange(items: string[]): void;
  ordered?: boolean;
}

export function ListEditor({ noun, label, items, placeholder, problem, onChange, ordered = false }: ListEditorProps) {
  const [draft, setDraft] = useState('');
  const draftProblem = draft.trim() === '' ? null : problem(draft) ?? (items.includes(draft.trim()) ? `${draft.trim()} is already listed` : null);
  const set = (index: number, value: string) => onChange(items.map((item, i) => (i === index ? value : item)));
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    onChange(next);
  };
  const add = () => {
    if (draft.trim() === '' || draftProblem) return;
    onChange([...items, draft.trim()]);
    setDraft('');
  };
  return (
    <div className="list-editor">
      {items.length > 0 && (
        <ol className={ordered ? 'list-editor-items ordered' : 'list-editor-items'} aria-label={label}>
          {items.map((item, index) => {
            const wrong = problem(item);
            return (
              <li key={index} className="list-editor-item">
                {ordered && <span className="list-editor-index num muted">{index + 1}</span>}
                <div className="list-editor-field">
                  <input
                    type="text"
                    className="mono"
                    value={item}
                    aria-label={`${noun} ${index + 1}`}
                    aria-invalid={wrong ? true : undefined}
                    spellCheck={false}
                    onChange={(event) => set(index, event.target.value)}
                  />
                  {wrong && <p className="field-problem">{wrong}</p>}
                </div>
                {ordered && (
                  <>
                    <button type="button" className="icon-button" aria-label={`Move ${item} up`} title="Move up" disabled={index === 0} onClick={() => move(index, -1)}>
                      ↑
                    </button>
                    <button type="button" className="icon-button" aria-label={`Move ${item} down`} title="Move down" disabled={index === items.length - 1} onClick={() => move(index, 1)}>
                      ↓
                    </button>
                  </>
                )}
                <button type="button" className="icon-button" aria-label={`Remove ${item}`} title="Remove" onClick={() => onChange(items.filter((_, i) => i !== index))}>
                  <Icon name="close" size={14} />
                </button>
              </li>
            );
          })}
        </ol>
      )}
      <div className="list-editor-add">
        <div className="list-editor-field">
          <input
            type="text"
            className="mono"
            value={draft}
            placeholder={placeholder}
            aria-label={`New ${noun}`}
            aria-invalid={draftProblem ? true : undefined}
            spellCheck={false}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                add();
              }
            }}
          />
          {draftProblem && <p className="field-problem">{draftProblem}</p>}
        </div>
        <button type="button" className="button" disabled={draft.trim() === '' || draftProblem !== null} onClick={add}>
          Add {noun}
        </button>
      </div>
    </div>
  );
}
