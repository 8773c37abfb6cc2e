// The line between the table and the inspect pane: drag it, or focus it and use the arrow keys (WAI-ARIA window splitter).
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { KEY_STEP } from './pane-size';

interface PaneSplitterProps {
  /** The pane's width in px: the separator's value, so a screen reader hears the size it controls. */
  width: number;
  min: number;
  max: number;
  controls: string;
  /** Called while dragging or on each key; `done` once the width is settled and worth remembering. */
  onResize(width: number, done: boolean): void;
  onDragging(dragging: boolean): void;
  /** Double-click: back to the width a fresh install uses. */
  onReset(): void;
}

export function PaneSplitter({ width, min, max, controls, onResize, onDragging, onReset }: PaneSplitterProps) {
  // The pane's right edge, fixed during a drag: the width is that edge minus the pointer.
  const dragRight = useRef<number | null>(null);
  const last = useRef(width);
  last.current = width;

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (event.button !== 0) return;
    const frame = event.currentTarget.parentElement;
    if (!frame) return;
    event.preventDefault(); // no text selection, and keep focus where it was until the drag ends
    dragRight.current = frame.getBoundingClientRect().right;
    event.currentTarget.setPointerCapture(event.pointerId);
    onDragging(true);
  }

  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (dragRight.current === null) return;
    onResize(dragRight.current - event.clientX, false);
  }

  function endDrag(event: PointerEvent<HTMLDivElement>) {
    if (dragRight.current === null) return;
    dragRight.current = null;
    if (event.currentTarget.hasPointerCapture(event.pointerId)) event.currentTarget.releasePointerCapture(event.pointerId);
    onDragging(false);
    onResize(last.current, true);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    // The pane is on the right, so moving the line left widens it.
    const next =
      event.key === 'ArrowLeft' ? width + step
      : event.key === 'ArrowRight' ? width - step
      : event.key === 'Home' ? min
      : event.key === 'End' ? max
      : null;
    if (next === null) return;
    event.preventDefault();
    event.stopPropagation(); // Home/End must not also move the table's cursor
    onResize(next, true);
  }

  return (
    <div
      className="pane-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize details"
      aria-controls={controls}
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuetext={`Details ${width} pixels wide`}
      tabIndex={0}
      title="Drag or use the arrow keys to resize; double-click to reset"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onKeyDown={onKeyDown}
      onDoubleClick={onReset}
    />
  );
}
