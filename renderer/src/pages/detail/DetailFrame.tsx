// Where the inspect pane sits: beside the table behind a splitter, or, when the window is too narrow for both,
// as a page over the table with a way back. Focus follows: into the page when it covers the list, back to the row on close.
import { useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { useAppStore } from '../../state/store';
import { PaneSplitter } from './PaneSplitter';
import { clampPaneWidth, defaultPaneWidth, maxPaneWidth, PANE_MIN, readStoredPaneWidth, storePaneWidth } from './pane-size';

interface DetailFrameProps {
  /** The page body's width, which the pane shares with the table. */
  bodyWidth: number;
  asPage: boolean;
  children: ReactNode;
}

const FRAME_ID = 'detail-frame';

/** The list row the pane was opened from: the grid's focusable row if rows take focus, else the grid itself. */
function focusList(): void {
  const grid = document.querySelector<HTMLElement>('[role="grid"]');
  if (!grid) return;
  const row =
    grid.querySelector<HTMLElement>('[role="row"][aria-selected="true"][tabindex="0"]') ??
    grid.querySelector<HTMLElement>('[role="row"][tabindex="0"]') ??
    grid.querySelector<HTMLElement>('[role="row"][aria-selected="true"][tabindex]');
  (row ?? grid).focus();
}

/** True when focus is nowhere useful (the element that had it went away or became inert) or inside `within`. */
function focusIsLostOrIn(within: HTMLElement | null): boolean {
  const active = document.activeElement;
  return !active || active === document.body || (within?.contains(active) ?? false);
}

export function DetailFrame({ bodyWidth, asPage, children }: DetailFrameProps) {
  const open = useAppStore((state) => state.detailKey !== null);
  const close = useAppStore((state) => state.closeDetail);
  // What the user asked for; what is shown is that clamped to the window, so a wider window gets it back.
  const [wanted, setWanted] = useState<number | null>(() => readStoredPaneWidth());
  const [dragging, setDragging] = useState(false);
  const frameRef = useRef<HTMLDivElement>(null);
  const width = clampPaneWidth(wanted ?? defaultPaneWidth(bodyWidth), bodyWidth);

  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open && focusIsLostOrIn(frameRef.current)) focusList();
    wasOpen.current = open;
  }, [open]);

  // Opened as a page, or the window narrowed under it: the list behind is inert, so focus moves to the page's
  // first control, the way back, which is also what a screen reader then announces.
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open || !asPage) return;
    const active = document.activeElement;
    if (!frameRef.current?.contains(active) && (focusIsLostOrIn(null) || active?.closest('[inert]'))) backRef.current?.focus();
  }, [open, asPage]);

  function resize(next: number, done: boolean) {
    const clamped = clampPaneWidth(next, bodyWidth);
    setWanted(clamped);
    if (done) storePaneWidth(clamped);
  }

  function reset() {
    const fresh = defaultPaneWidth(bodyWidth);
    setWanted(fresh);
    storePaneWidth(fresh);
  }

  const className = `detail-frame${open ? ' open' : ''}${asPage ? ' as-page' : ''}${dragging ? ' resizing' : ''}`;
  return (
    <div
      ref={frameRef}
      id={FRAME_ID}
      className={className}
      style={{ '--pane-width': `${width}px` } as CSSProperties}
    >
      {open && asPage && (
        <div className="detail-back">
          <button ref={backRef} type="button" className="link-button" onClick={close} title="Back to the list (Esc)">
            <span aria-hidden="true">←</span> Back to images
          </button>
        </div>
      )}
      {open && !asPage && (
        <PaneSplitter
          width={width}
          min={PANE_MIN}
          max={maxPaneWidth(bodyWidth)}
          controls={FRAME_ID}
          onResize={resize}
          onDragging={setDragging}
          onReset={reset}
        />
      )}
      {children}
    </div>
  );
}
