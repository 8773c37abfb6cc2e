// Rows for pulls of names the table does not list yet, above the listed rows until the image lands (the store
// change then lists it, and its own row takes over). Not selectable: there is no image yet to act on, only the
// pull to follow or cancel.
import type { RowPull } from '../../state/row-pulls';
import { MiddleTruncate } from '../../components/MiddleTruncate';
import { RowPullCells } from './RowPull';

function splitName(name: string): { repository: string; tag: string } {
  const at = name.lastIndexOf(':');
  return at > name.lastIndexOf('/') ? { repository: name.slice(0, at), tag: name.slice(at + 1) } : { repository: name, tag: 'latest' };
}

export function PendingPulls({ pulls }: { pulls: readonly RowPull[] }) {
  if (pulls.length === 0) return null;
  return (
    <div className="pending-pulls" role="rowgroup" aria-label="Pulls in progress">
      {pulls.map((pull) => {
        const { repository, tag } = splitName(pull.name);
        return (
          <div key={pull.taskId} className="grid-row pending-pull" role="row" data-pending-pull={pull.reference}>
            <div role="gridcell" className="cell cell-repository" title={pull.reference}>
              <MiddleTruncate text={repository} column="repository" keepLastSegment />
            </div>
            <div role="gridcell" className="cell cell-tag">
              <MiddleTruncate text={tag} column="tag" />
            </div>
            <div role="gridcell" className="cell cell-id muted">pulling…</div>
            <RowPullCells pull={pull} />
          </div>
        );
      })}
    </div>
  );
}
