// `docker image inspect` output, with a `-f` template box evaluated as you type, and a viewer that folds, colours and
// searches the JSON (Ctrl/Cmd+F while focus is in this tab). Loaded lazily by InspectPane.
//
// The viewer is written here rather than taken from npm: the light viewers (react-json-view-lite, @uiw/react-json-view)
// print their own notation rather than docker's JSON and have no find with a match count, and CodeMirror 6 would add
// far more than the whole renderer weighs for a document of a few KB.
import { useMemo, useRef, type KeyboardEvent } from 'react';
import type { ImageInspect } from '../../../../shared/api';
import { CopyButton } from '../../components/CopyButton';
import { JsonCode } from './json/JsonCode';
import { JsonSearchBar } from './json/JsonSearchBar';
import { jsonLines, lineText } from './json/json-lines';
import { useJsonFolds } from './json/useJsonFolds';
import { useJsonSearch } from './json/useJsonSearch';
import { TemplateBox } from './TemplateBox';

export default function JsonTab({ inspect }: { inspect: ImageInspect }) {
  // docker prints a JSON array with four-space indentation; jsonLines prints exactly that.
  const lines = useMemo(() => jsonLines([inspect]), [inspect]);
  const texts = useMemo(() => lines.map(lineText), [lines]);
  const folds = useJsonFolds(lines);
  const search = useJsonSearch(texts, folds.reveal);
  const searchInput = useRef<HTMLInputElement>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.altKey && event.key.toLowerCase() === 'f') {
      // Marked handled, so neither the browser's find nor the page's filter shortcut takes it.
      event.preventDefault();
      searchInput.current?.focus();
      searchInput.current?.select();
    } else if (event.key === 'F3' || (mod && event.key.toLowerCase() === 'g')) {
      event.preventDefault();
      search.step(event.shiftKey ? -1 : 1);
    }
  }

  return (
    // tabIndex -1: a click on the JSON text puts focus here, so Ctrl+F after it searches the JSON.
    <div className="json-tab" tabIndex={-1} onKeyDown={onKeyDown}>
      <TemplateBox data={inspect} />
      <div className="json-sticky">
        <div className="json-toolbar">
          <span className="muted small json-command">berth inspect {inspect.RepoTags[0] ?? inspect.Id.slice(7, 19)}</span>
          <button type="button" className="button button-small" onClick={folds.foldAll}>
            Fold all
          </button>
          <button type="button" className="button button-small" onClick={folds.expandAll}>
            Expand all
          </button>
          <CopyButton text={() => texts.join('\n')} label="Copy JSON" name="Copy JSON" />
        </div>
        <JsonSearchBar inputRef={searchInput} query={search.query} onQuery={search.setQuery} current={search.current} count={search.matches.length} onStep={search.step} />
      </div>
      <JsonCode lines={lines} folded={folds.folded} setFolded={folds.setFolded} matches={search.matches} current={search.current} moves={search.moves} />
    </div>
  );
}
