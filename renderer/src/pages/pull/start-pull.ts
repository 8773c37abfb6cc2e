// Starting a pull from the page (the dialog or a row's Pull): the service's task, remembered for the dialog's suggestions.
import type { PullOptions, TaskHandle } from '../../../../shared/api';
import { getBridge } from '../../bridge/index';
import { rememberPull } from './recent-pulls';

export async function startPull(reference: string, options: PullOptions = {}): Promise<TaskHandle<'pull'>> {
  const handle = await getBridge().pull(reference, options);
  rememberPull(reference);
  return handle;
}
