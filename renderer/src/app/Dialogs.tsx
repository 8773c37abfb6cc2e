// Whichever modal is open.
import { useAppStore } from '../state/store';
import { ImportDialog } from '../pages/import/ImportDialog';
import { PruneDialog } from '../pages/images/PruneDialog';
import { RemoveDialog } from '../pages/images/RemoveDialog';
import { TagDialog } from '../pages/images/TagDialog';
import { PullDialog } from '../pages/pull/PullDialog';
import { PushDialog } from '../pages/push/PushDialog';
import { SaveDialog } from '../pages/save/SaveDialog';
import { CommitDialog } from '../pages/engine/CommitDialog';

export function Dialogs() {
  const dialog = useAppStore((state) => state.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'remove':
      return <RemoveDialog keys={dialog.keys} />;
    case 'tag':
      return <TagDialog source={dialog.source} />;
    case 'prune':
      return <PruneDialog />;
    case 'import':
      return <ImportDialog input={dialog.input} />;
    case 'pull':
      return <PullDialog />;
    case 'push':
      return <PushDialog source={dialog.source} />;
    case 'save':
      return <SaveDialog keys={dialog.keys} />;
    case 'commit':
      return <CommitDialog source={dialog.source} />;
  }
}
