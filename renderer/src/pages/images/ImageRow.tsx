// One row of the Images grid, positioned by the virtualiser.
import { memo, type MouseEvent } from 'react';
import type { ImageSummary } from '../../../../shared/api';
import { AgeText } from '../../components/AgeText';
import { ShortId } from '../../components/ShortId';
import { SizeText } from '../../components/SizeText';

interface ImageRowProps {
  image: ImageSummary;
  index: number;
  top: number;
  selected: boolean;
  onSelect(index: number, mode: 'single' | 'toggle' | 'range'): void;
  onOpen(index: number): void;
}

function modeOf(event: MouseEvent): 'single' | 'toggle' | 'range' {
  if (event.shiftKey) return 'range';
  if (event.ctrlKey || event.metaKey) return 'toggle';
  return 'single';
}

export const ImageRow = memo(function ImageRow({ image, index, top, selected, onSelect, onOpen }: ImageRowProps) {
  return (
    <div
      className={`grid-row${selected ? ' selected' : ''}${image.dangling ? ' dangling' : ''}${index % 2 ? ' odd' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      style={{ transform: `translateY(${top}px)` }}
      onMouseDown={(event) => {
        if (event.shiftKey) event.preventDefault(); // keep shift-click from selecting text
      }}
      onClick={(event) => onSelect(index, modeOf(event))}
      onDoubleClick={() => onOpen(index)}
    >
      <div role="gridcell" className="cell cell-repository" title={image.reference ?? undefined}>
        {image.repository}
      </div>
      <div role="gridcell" className="cell cell-tag">
        {image.tag}
      </div>
      <div role="gridcell" className="cell cell-id">
        <ShortId value={image.id} label="image ID" />
      </div>
      <div role="gridcell" className="cell cell-created">
        <AgeText iso={image.created} />
      </div>
      <div role="gridcell" className="cell cell-size">
        <SizeText bytes={image.size} />
      </div>
    </div>
  );
});
