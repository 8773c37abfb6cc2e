// The compact action buttons of one Images row, from the shared ROW_ACTIONS list. Rendered only for the hovered row
// and the current (keyboard) row: fifty rows of hidden buttons would cost every frame of a fast scroll.
import type { ImageSummary } from '../../../../shared/api';
import { Icon } from '../../components/Icon';
import { ROW_ACTIONS, type RowActionId } from './row-actions';

interface RowActionsProps {
  image: ImageSummary;
  /** Store-changing actions are off (the page cannot reach Berth). */
  offline: boolean;
  onAction(action: RowActionId): void;
}

export function RowActions({ image, offline, onAction }: RowActionsProps) {
  return (
    <div role="gridcell" className="row-actions">
      {ROW_ACTIONS.filter((action) => !action.menuOnly && (action.appliesTo?.([image]) ?? true)).map((action) => {
        const disabled = offline && action.changesStore;
        return (
          <button
            key={action.id}
            type="button"
            className={action.danger ? 'row-action danger' : 'row-action'}
            tabIndex={-1}
            title={action.label([image])}
            aria-label={action.buttonLabel(image)}
            aria-disabled={disabled || undefined}
            onMouseDown={(event) => event.preventDefault()} // the row takes focus, so a dialog returns to it
            onClick={(event) => {
              event.stopPropagation();
              if (!disabled) onAction(action.id);
            }}
            onDoubleClick={(event) => event.stopPropagation()}
          >
            <Icon name={action.icon} size={14} />
          </button>
        );
      })}
    </div>
  );
}
