// The changed paths as a virtualised tree: a filter box and the A/C/D kinds to show above it; each row with its
// mark, name, size before and after and the change, folders adding up what changed below them. One Tab stop:
// arrow keys move, Right/Left open and close a folder (WAI-ARIA tree).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DiffChangeKind, ImageDiff } from '../../../../shared/api';
import { humanSize } from '../../../../shared/format';
import { Icon } from '../../components/Icon';
import { ContentDiff } from './ContentDiff';
import { buildDiffTree, deltaClass, describeChange, initiallyOpen, markOf, signedSize, visibleRows, type DiffNode } from './diff-tree';

const ROW_HEIGHT = 26;
const KINDS: ReadonlyArray<readonly [DiffChangeKind, string]> = [['A', 'Added'], ['C', 'Changed'], ['D', 'Deleted']];

/** `a` and `b` are what the service is asked for (`repo:tag` or an ID), to read a changed file's two versions. */
export function DiffFiles({ diff, a, b }: { diff: ImageDiff; a: string; b: string }) {
  const root = useMemo(() => buildDiffTree(diff.changes), [diff]);
  const [open, setOpen] = useState(() => initiallyOpen(root));
  const [text, setText] = useState('');
  const [kinds, setKinds] = useState<ReadonlySet<DiffChangeKind>>(() => new Set<DiffChangeKind>(['A', 'C', 'D']));
  const rows = useMemo(() => visibleRows(root, open, { text, kinds }), [root, open, text, kinds]);
  const [current, setCurrent] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const filtering = text.trim() !== '' || kinds.size < 3;
  const at = Math.min(current, Math.max(0, rows.length - 1));
  const currentChange = rows[at]?.node.change;
  // A changed regular file (or hard link) gets its line diff under the tree.
  const changedFile = currentChange?.kind === 'C' && !currentChange.inside && (currentChange.type === 'file' || currentChange.type === 'hardlink') && currentChange.was?.type !== 'dir' ? currentChange.path : null;

  function toggle(node: DiffNode, to?: boolean) {
    if (node.children.length === 0 || filtering) return;
    setOpen((previous) => {
      const next = new Set(previous);
      if (to ?? !next.has(node.path)) next.add(node.path);
      else next.delete(node.path);
      return next;
    });
  }

  function toggleKind(kind: DiffChangeKind) {
    setKinds((previous) => {
      const next = new Set(previous);
      if (next.has(kind) && next.size > 1) next.delete(kind);
      else next.add(kind);
      return next;
    });
  }

  function moveTo(index: number) {
    const clamped = Math.max(0, Math.min(rows.length - 1, index));
    setCurrent(clamped);
    virtual.scrollToIndex(clamped);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${clamped}"]`)?.focus({ preventScroll: true }));
  }

  function onKeyDown(event: KeyboardEvent) {
    const row = rows[at];
    if (!row) return;
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 260) / ROW_HEIGHT) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(at + 1),
      ArrowUp: () => moveTo(at - 1),
      PageDown: () => moveTo(at + page),
      PageUp: () => moveTo(at - page),
      Home: () => moveTo(0),
      End: () => moveTo(rows.length - 1),
      ArrowRight: () => (row.node.children.length > 0 && !row.open ? toggle(row.node, true) : moveTo(at + 1)),
      ArrowLeft: () => {
        if (row.open && !filtering) toggle(row.node, false);
        else {
          const parent = rows.findLastIndex((candidate, index) => index < at && candidate.node.depth < row.node.depth);
          if (parent >= 0) moveTo(parent);
        }
      },
      Enter: () => toggle(row.node),
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }

  return (
    <div className="diff-files">
      <div className="diff-tools">
        <div className="search diff-search">
          <Icon name="search" size={14} />
          <input type="search" aria-label="Filter changed paths" placeholder="Filter paths" value={text} spellCheck={false}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Escape' && text) {
                event.stopPropagation();
                setText('');
              }
            }}
          />
        </div>
        <div className="diff-kinds" role="group" aria-label="Kinds of change shown">
          {KINDS.map(([kind, word]) => (
            <button key={kind} type="button" className="chip diff-kind" aria-pressed={kinds.has(kind)} onClick={() => toggleKind(kind)}>
              <span className={`diff-mark mark-${kind}`} aria-hidden="true">{kind}</span> {word}
            </button>
          ))}
        </div>
        <span className="muted small diff-count">
          {filtering ? `${rows.filter((row) => row.match).length.toLocaleString('en')} matching` : `${rows.length.toLocaleString('en')} rows`}
        </span>
      </div>
      <div className="diff-head" aria-hidden="true">
        <span className="diff-head-name">Path</span>
        <span className="diff-num diff-before">Before (A)</span>
        <span className="diff-num">After (B)</span>
        <span className="diff-num">Change</span>
      </div>
      {rows.length === 0 ? (
        <p className="compare-empty muted">{diff.changes.length === 0 ? 'The two images have the same files.' : 'No changed path matches the filter.'}</p>
      ) : (
        <div ref={scroller} className="diff-scroll" role="tree" aria-label="Changed paths" onKeyDown={onKeyDown}>
          <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
            {virtual.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              const { node } = row;
              const mark = markOf(node);
              const folder = node.children.length > 0 || node.change?.type === 'dir';
              const fields = node.change && mark === 'C' ? describeChange(node.change).join(', ') : '';
              return (
                <div
                  key={node.path}
                  data-index={item.index}
                  role="treeitem"
                  aria-level={node.depth + 1}
                  aria-expanded={node.children.length > 0 ? row.open : undefined}
                  aria-selected={item.index === at}
                  aria-label={`${node.path}${mark ? `, ${KINDS.find(([k]) => k === mark)![1].toLowerCase()}` : ''}`}
                  tabIndex={item.index === at ? 0 : -1}
                  className={`diff-row${mark === 'D' ? ' is-deleted' : ''}`}
                  style={{ transform: `translateY(${item.start}px)` }}
                  onClick={() => {
                    setCurrent(item.index);
                    toggle(node);
                  }}
                  title={fields ? `${node.path}: ${fields}` : node.path}
                >
                  <span className="diff-name" style={{ paddingLeft: node.depth * 16 }}>
                    <span className={`diff-chevron${node.children.length > 0 ? '' : ' none'}${row.open ? ' open' : ''}`} aria-hidden="true">
                      ›
                    </span>
                    {mark ? <span className={`diff-mark mark-${mark}`} aria-hidden="true">{mark}</span> : <span className="diff-mark mark-none" aria-hidden="true" />}
                    <span className={folder ? 'diff-label is-folder' : 'diff-label'}>
                      {node.name}
                      {folder ? '/' : ''}
                    </span>
                    {node.change?.type && node.change.type !== 'file' && node.change.type !== 'dir' && <span className="diff-type muted small">{node.change.type}</span>}
                    {fields && <span className="diff-fields muted small">{fields}</span>}
                  </span>
                  {/* A path only one image has shows a dash on the other side; a folder's sizes are what it holds. */}
                  <span className="diff-num diff-before muted">{mark === 'A' ? '—' : humanSize(node.sizeBefore)}</span>
                  <span className="diff-num muted">{mark === 'D' ? '—' : humanSize(node.size)}</span>
                  <span className={`diff-num ${deltaClass(node.delta)}`}>{signedSize(node.delta, humanSize)}</span>
                </div>
              );
            })}
          </div>
        </div>
      )}
      {changedFile && <ContentDiff a={a} b={b} path={changedFile} />}
    </div>
  );
}
