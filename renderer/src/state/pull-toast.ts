// What the toast says when a pull ends well: docker's two Status lines, in a sentence each.
import type { PullResult } from '../../../shared/api';
import { familiarString, parseReference } from '../../../shared/ref/reference';

export function pullDoneMessage(result: PullResult): { message: string; detail: string } {
  let name = result.reference;
  try {
    name = familiarString(parseReference(result.reference));
  } catch {
    // The core's own string: shown as it is.
  }
  return result.status === 'up-to-date'
    ? { message: 'Image is up to date', detail: name }
    : { message: 'Downloaded newer image', detail: name };
}
