// Confirms a prune: dangling images and unreferenced blobs go.
import { humanSize } from '../../../../shared/format';
import { getBridge } from '../../bridge/index';
import { ConfirmButtons, Dialog } from '../../components/Dialog';
import { useDialogAction } from '../../components/useDialogAction';
import { useAppStore } from '../../state/store';

export function PruneDialog() {
  const closeDialog = useAppStore((state) => state.closeDialog);
  const pushToast = useAppStore((state) => state.pushToast);
  const dangling = useAppStore((state) => state.images.filter((image) => image.dangling).length);
  const reclaimable = useAppStore((state) => state.diskUsage?.reclaimable ?? null);
  const { busy, error, run } = useDialogAction();

  function confirm() {
    return run(async () => {
      const report = await getBridge().prune();
      closeDialog();
      pushToast({
        tone: 'success',
        message: `Pruned ${report.deleted.length} ${report.deleted.length === 1 ? 'image' : 'images'}, reclaimed ${humanSize(report.spaceReclaimed)}`,
      });
    });
  }

  return (
    <Dialog
      title="Prune the store?"
      onClose={closeDialog}
      onSubmit={() => void confirm()}
      busy={busy}
      error={error}
      actions={<ConfirmButtons onCancel={closeDialog} busy={busy} label="Prune" busyLabel="Pruning…" tone="danger" />}
    >
      <p>
        Removes {dangling === 0 ? 'no dangling images (there are none)' : <strong>{dangling} dangling {dangling === 1 ? 'image' : 'images'}</strong>}{' '}
        and deletes blobs no image refers to.
      </p>
      {reclaimable !== null && <p>About {humanSize(reclaimable)} will be freed.</p>}
    </Dialog>
  );
}
