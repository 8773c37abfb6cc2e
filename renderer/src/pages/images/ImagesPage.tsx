// Images: the top bar, the store summary, the table and, beside it, the inspect pane.
import { useRef } from 'react';
import { useAppStore } from '../../state/store';
import { InspectPane } from '../detail/InspectPane';
import { ImagesSummary } from './ImagesSummary';
import { ImagesTable } from './ImagesTable';
import { ImagesTopBar } from './ImagesTopBar';
import { useImagesShortcuts } from './useImagesShortcuts';

export function ImagesPage() {
  const filterRef = useRef<HTMLInputElement>(null);
  const detailOpen = useAppStore((state) => state.detailKey !== null);
  useImagesShortcuts(filterRef);
  return (
    <div className="page">
      <ImagesTopBar filterRef={filterRef} />
      <div className={detailOpen ? 'page-body with-pane' : 'page-body'}>
        <section className="content" aria-label="Images">
          <ImagesSummary />
          <ImagesTable />
        </section>
        <InspectPane />
      </div>
    </div>
  );
}
