// Pull on rows (re-pull = update, as `docker pull` of a name you have): each row's name pulled again, no dialog; the
// progress is in Tasks and the toast at the end says whether anything changed.
import type { ImageSummary } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { displayName, rowTarget } from '../../state/rows';
import { useAppStore } from '../../state/store';
import { startPull } from './start-pull';

export function pullRows(rows: readonly ImageSummary[]): void {
  const { pushToast } = useAppStore.getState();
  for (const row of rows) {
    if (row.dangling) continue;
    startPull(rowTarget(row)).catch((err: unknown) => {
      pushToast({ tone: 'error', message: `Could not pull ${displayName(row)}`, detail: toErrorPayload(err).message });
    });
  }
}
