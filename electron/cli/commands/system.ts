// `berth system COMMAND`: docker's `system df` spelling of `berth df`. Docker's other system commands (events,
// info, prune) are unknown commands here.
import type { CommandGroup } from '../command.js';
import { dfCommand } from './df.js';

export const systemGroup: CommandGroup = {
  name: 'system',
  summary: 'Manage the image store',
  entries: [{ name: 'df', command: dfCommand }],
};
