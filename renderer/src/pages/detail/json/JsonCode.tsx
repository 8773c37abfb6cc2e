// The inspect JSON, coloured by token, each object and array foldable from a chevron in the margin. The chevrons are
// one Tab stop between them: Up/Down move, Left folds (or goes to the enclosing one), Right unfolds, Home/End.
// The text stays the JSON itself (spaces for indentation), so selecting and copying it gives JSON back.
import { useEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { Chevron } from './Chevron';
import { ancestorsOf, type JsonLine } from './json-lines';
import { linePieces, splitLead, type Match, type Piece } from './json-search';

interface Props {
  lines: JsonLine[];
  /** The paths of the folded objects and arrays. */
  folded: ReadonlySet<string>;
  setFolded(path: string, fold: boolean): void;
  matches: Match[];
  current: number;
  /** Changes whenever the current match should be scrolled into view. */
  moves: number;
}

function entryCount(line: JsonLine): string {
  const noun = line.container === 'array' ? 'item' : 'key';
  return `${line.size} ${noun}${line.size === 1 ? '' : 's'}`;
}

/** jq's name for the container (`.[0].Config.Env`) and its size, e.g. for the fold chevron. */
function nodeName(line: JsonLine): string {
  return `${line.path ? `.${line.path}` : 'The whole document'}, ${entryCount(line)}`;
}

function PieceView({ piece, current }: { piece: Piece; current: number }) {
  const text = piece.kind === 'indent' || piece.kind === 'punct' ? piece.text : <span className={`json-${piece.kind}`}>{piece.text}</span>;
  if (piece.match === undefined) return text;
  return <mark className={piece.match === current ? 'json-match current' : 'json-match'}>{text}</mark>;
}

export function JsonCode({ lines, folded, setFolded, matches, current, moves }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  const byLine = useMemo(() => {
    const map = new Map<number, Array<readonly [number, Match]>>();
    matches.forEach((match, index) => {
      const list = map.get(match.line) ?? [];
      list.push([index, match]);
      map.set(match.line, list);
    });
    return map;
  }, [matches]);

  useEffect(() => {
    if (moves === 0) return;
    root.current?.querySelector('mark.current')?.scrollIntoView({ block: 'center', inline: 'nearest' });
  }, [moves]);

  // The lines on screen: a folded container shows as its opening line, closed on the same line.
  const visible: number[] = [];
  for (let index = 0; index < lines.length; ) {
    visible.push(index);
    const { close, path } = lines[index]!;
    index = close !== undefined && folded.has(path!) ? close + 1 : index + 1;
  }
  const toggles = visible.filter((index) => lines[index]!.close !== undefined);
  const tabStop = toggles.includes(active) ? active : toggles[0];

  function focusToggle(line: number | undefined) {
    if (line === undefined) return;
    setActive(line);
    root.current?.querySelector<HTMLButtonElement>(`[data-fold="${line}"]`)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-fold]');
    if (!button || event.altKey || event.ctrlKey || event.metaKey) return;
    const line = Number(button.dataset.fold);
    const at = toggles.indexOf(line);
    const path = lines[line]!.path!;
    const isFolded = folded.has(path);
    switch (event.key) {
      case 'ArrowDown':
        focusToggle(toggles[at + 1]);
        break;
      case 'ArrowUp':
        focusToggle(toggles[at - 1]);
        break;
      case 'Home':
        focusToggle(toggles[0]);
        break;
      case 'End':
        focusToggle(toggles[toggles.length - 1]);
        break;
      case 'ArrowRight':
        if (isFolded) setFolded(path, false);
        else if (toggles[at + 1] !== undefined && toggles[at + 1]! < lines[line]!.close!) focusToggle(toggles[at + 1]);
        break;
      case 'ArrowLeft':
        if (!isFolded) setFolded(path, true);
        else focusToggle(ancestorsOf(lines, line).at(-1));
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  return (
    <div ref={root} className="json-code mono" role="group" aria-label="Inspect JSON" onKeyDown={onKeyDown}>
      {visible.map((index) => {
        const line = lines[index]!;
        const isFolded = line.close !== undefined && folded.has(line.path!);
        const [lead, rest] = splitLead(linePieces(line, byLine.get(index) ?? []));
        return (
          <div key={index} className="json-line" style={{ '--depth': line.depth } as CSSProperties}>
            {line.close !== undefined && (
              <button
                type="button"
                className="json-toggle"
                data-fold={index}
                tabIndex={index === tabStop ? 0 : -1}
                aria-expanded={!isFolded}
                aria-label={nodeName(line)}
                title={isFolded ? 'Unfold (→)' : 'Fold (←)'}
                onClick={() => setFolded(line.path!, !isFolded)}
                onFocus={() => setActive(index)}
              >
                <Chevron direction={isFolded ? 'right' : 'down'} size={12} />
              </button>
            )}
            <span className="json-lead">
              {lead.map((piece, at) => (
                <PieceView key={at} piece={piece} current={current} />
              ))}
            </span>
            {rest.map((piece, at) => (
              <PieceView key={at} piece={piece} current={current} />
            ))}
            {isFolded && (
              <>
                <span className="json-ellipsis" onClick={() => setFolded(line.path!, false)}>
                  …
                </span>
                {lines[line.close!]!.tokens.map((token) => token.text).join('')}
                <span className="json-fold-count"> {entryCount(line)}</span>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}
