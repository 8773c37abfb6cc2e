// A row while its reference is being pulled: a slim bar (with cancel) where Created was, the percentage where Size
// was. The same two cells make the pending row of a name the table does not list yet (PendingPulls).
import type { RowPull } from '../../state/row-pulls';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { useAppStore } from '../../state/store';

function percent(pull: RowPull): string {
  const { current, total } = pull.progress;
  return total ? `${Math.min(100, Math.floor((current / total) * 100))}%` : '…';
}

export function RowPullCells({ pull }: { pull: RowPull }) {
  const cancelTask = useAppStore((state) => state.cancelTask);
  return (
    <>
      <div role="gridcell" className="cell cell-created row-pull">
        <button
          type="button"
          className="row-action row-pull-cancel"
          tabIndex={-1}
          aria-label={`Cancel the pull of ${pull.name}`}
          title="Cancel the pull"
          onMouseDown={(event) => event.preventDefault()}
          onClick={(event) => {
            event.stopPropagation();
            void cancelTask(pull.taskId);
          }}
          onDoubleClick={(event) => event.stopPropagation()}
        >
          <Icon name="close" size={12} />
        </button>
        <ProgressBar progress={pull.progress} label={`Pulling ${pull.name}`} />
      </div>
      <div role="gridcell" className="cell cell-size row-pull-percent" title={`Pulling ${pull.name}`}>
        {percent(pull)}
      </div>
    </>
  );
}
