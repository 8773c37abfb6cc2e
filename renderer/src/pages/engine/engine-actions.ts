// The bridge's moves started from a row (Berth's Images or the Engine page): each is a task, followed in Tasks and
// announced by its toast when it ends; only a refusal to start is said here.
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { useAppStore } from '../../state/store';

export async function sendRowsToEngine(references: readonly string[]): Promise<void> {
  try {
    await getBridge().sendToEngine([...references]);
  } catch (err) {
    useAppStore.getState().pushToast({ tone: 'error', message: 'Could not send to the engine', detail: toErrorPayload(err).message });
  }
}

export async function copyToBerth(image: string, label: string): Promise<void> {
  try {
    await getBridge().copyFromEngine(image);
  } catch (err) {
    useAppStore.getState().pushToast({ tone: 'error', message: `Could not copy ${label} to Berth`, detail: toErrorPayload(err).message });
  }
}
