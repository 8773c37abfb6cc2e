// "Check for updates": asks each registry whether the tags you have now name other images (a manifest HEAD per
// image; Docker Hub does not count it against the pull limit). The app also checks on its own, at most hourly.
import { useShallow } from 'zustand/react/shallow';
import { Icon } from '../../components/Icon';
import { useActionsDisabled, useAppStore } from '../../state/store';

export function CheckUpdatesButton() {
  const { checking, checkedAt, checkUpdates } = useAppStore(
    useShallow((state) => ({ checking: state.checkingUpdates, checkedAt: state.updatesCheckedAt, checkUpdates: state.checkUpdates })),
  );
  const offline = useActionsDisabled();
  const last = checkedAt ? `last checked ${new Date(checkedAt).toLocaleString()}` : 'not checked yet';
  return (
    <button
      type="button"
      className="button"
      disabled={offline || checking}
      title={`Ask the registries whether your tags now name newer images (${last}; checked at most hourly on its own)`}
      onClick={() => void checkUpdates({ byUser: true })}
    >
      <Icon name="check" size={14} /> {checking ? 'Checking…' : 'Check for updates'}
    </button>
  );
}
