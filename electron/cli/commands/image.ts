// `berth image COMMAND`: docker's management-command spellings of the image commands Berth has (`image ls` is
// `images`, `image rm` is `rmi`, …), listed as `docker image --help` lists them. Docker's others (build, load,
// save) are unknown commands here until Berth has them.
import type { CommandGroup } from '../command.js';
import { historyCommand } from './history.js';
import { imagesCommand } from './images.js';
import { importCommand } from './import.js';
import { loadCommand } from './load.js';
import { saveCommand } from './save.js';
import { inspectCommand } from './inspect.js';
import { pruneCommand } from './prune.js';
import { pullCommand } from './pull.js';
import { pushCommand } from './push.js';
import { rmiCommand } from './rmi.js';
import { tagCommand } from './tag.js';

export const imageGroup: CommandGroup = {
  name: 'image',
  summary: 'Manage images',
  entries: [
    { name: 'history', command: historyCommand },
    { name: 'import', command: importCommand },
    { name: 'inspect', command: inspectCommand, summary: 'Display detailed information on one or more images', separateFromTopLevel: true },
    { name: 'load', command: loadCommand },
    { name: 'ls', aliases: ['list'], command: imagesCommand },
    { name: 'prune', command: pruneCommand },
    { name: 'pull', command: pullCommand },
    { name: 'push', command: pushCommand },
    { name: 'rm', aliases: ['remove'], command: rmiCommand },
    { name: 'save', command: saveCommand },
    { name: 'tag', command: tagCommand },
  ],
};
