// Images: the top bar, the store summary, the table and the inspect pane (beside the table, or over it when narrow).
import { useRef } from 'react';
import { useAppStore } from '../../state/store';
import { DetailFrame } from '../detail/DetailFrame';
import { InspectPane } from '../detail/InspectPane';
import { paneIsPage } from '../detail/pane-size';
import { ImagesSummary } from './ImagesSummary';
import { ImagesTable } from './ImagesTable';
import { ImagesTopBar } from './ImagesTopBar';
import { useElementWidth } from './useElementWidth';
import { useImagesShortcuts } from './useImagesShortcuts';

export function ImagesPage() {
  const filterRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLDivElement>(null);
  const detailOpen = useAppStore((state) => state.detailKey !== null);
  // Only the pane's size and place depend on the width: no pane, no measuring.
  const bodyWidth = useElementWidth(bodyRef, detailOpen);
  const asPage = detailOpen && paneIsPage(bodyWidth);
  useImagesShortcuts(filterRef);
  return (
    <div className="page">
      <ImagesTopBar filterRef={filterRef} />
      <div ref={bodyRef} className={`page-body${detailOpen ? ' with-pane' : ''}${asPage ? ' pane-as-page' : ''}`}>
        {/* Covered by the pane as a page: inert, so neither Tab nor a screen reader wanders into the hidden list. */}
        <section className="content" aria-label="Images" inert={asPage}>
          <ImagesSummary />
          <ImagesTable />
        </section>
        <DetailFrame bodyWidth={bodyWidth} asPage={asPage}>
          <InspectPane />
        </DetailFrame>
      </div>
    </div>
  );
}
