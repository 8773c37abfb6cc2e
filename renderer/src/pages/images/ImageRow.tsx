// One row of the Images grid, positioned by the virtualiser. The current row (the grid's one Tab stop) has
// tabIndex 0; action buttons show on hover and on keyboard focus, and are reached with ArrowRight.
import { memo, useState, type MouseEvent } from 'react';
import type { ImageSummary, UpdateCheck } from '../../../../shared/api';
import { AgeText } from '../../components/AgeText';
import { MiddleTruncate } from '../../components/MiddleTruncate';
import { ShortId } from '../../components/ShortId';
import { SizeText } from '../../components/SizeText';
import { rowKey } from '../../state/rows';
import type { RowPull } from '../../state/row-pulls';
import { updateMark } from '../../state/updates-slice';
import { RowPullCells } from './RowPull';
import { UpdateMark, updateDescription } from './UpdateMark';
import type { RowActionId } from './row-actions';
import { RowActions } from './RowActions';
import { prepareRowDrag, startRowDrag } from './row-drag';

interface ImageRowProps {
  image: ImageSummary;
  index: number;
  top: number;
  selected: boolean;
  /** The grid's current row: the one Tab stop, and where the keyboard acts. */
  current: boolean;
  /** Store-changing actions are off (the page cannot reach Berth). */
  offline: boolean;
  onSelect(index: number, mode: 'single' | 'toggle' | 'range'): void;
  onOpen(index: number): void;
  onFocusRow(index: number): void;
  onMenu(index: number, at: { x: number; y: number }): void;
  onAction(index: number, action: RowActionId): void;
  /** The pull of this row's reference running now, if any: its progress replaces Created and Size. */
  pull?: RowPull | undefined;
  /** What the last update check said of this row's reference. */
  update?: UpdateCheck | undefined;
}

function modeOf(event: MouseEvent): 'single' | 'toggle' | 'range' {
  if (event.shiftKey) return 'range';
  if (event.ctrlKey || event.metaKey) return 'toggle';
  return 'single';
}

export const ImageRow = memo(function ImageRow(props: ImageRowProps) {
  const { image, index, top, selected, current, offline, onSelect, onOpen, onFocusRow, onMenu, onAction, pull, update } = props;
  const [hovered, setHovered] = useState(false);
  const mark = updateMark(image, update);
  const classes = ['grid-row', selected && 'selected', current && 'current', image.dangling && 'dangling', index % 2 && 'odd'];
  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-description={updateDescription(mark, update)}
      tabIndex={current ? 0 : -1}
      data-row-key={rowKey(image)}
      style={{ transform: `translateY(${top}px)` }}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      draggable
      onMouseDown={(event) => {
        if (event.shiftKey) event.preventDefault(); // keep shift-click from selecting text
        else if (event.button === 0) prepareRowDrag(image);
      }}
      onDragStart={(event) => startRowDrag(event, image)}
      onFocus={(event) => {
        if (event.target === event.currentTarget) onFocusRow(index);
      }}
      onClick={(event) => onSelect(index, modeOf(event))}
      onDoubleClick={() => onOpen(index)}
      onContextMenu={(event) => {
        event.preventDefault();
        onMenu(index, { x: event.clientX, y: event.clientY });
      }}
    >
      <div role="gridcell" className="cell cell-repository" title={image.reference ?? undefined}>
        <MiddleTruncate text={image.repository} column="repository" keepLastSegment />
      </div>
      <div role="gridcell" className="cell cell-tag">
        <MiddleTruncate text={image.tag} column="tag" />
        <UpdateMark mark={mark} check={update} />
      </div>
      <div role="gridcell" className="cell cell-id">
        <ShortId value={image.id} label="image ID" tabbable={false} />
      </div>
      {pull ? (
        <RowPullCells pull={pull} />
      ) : (
        <>
          <div role="gridcell" className="cell cell-created">
            <AgeText iso={image.created} titleOnHover />
          </div>
          <div role="gridcell" className="cell cell-size">
            <SizeText bytes={image.size} titleOnHover />
          </div>
        </>
      )}
      {(current || hovered) && <RowActions image={image} offline={offline} onAction={(action) => onAction(index, action)} />}
    </div>
  );
});
