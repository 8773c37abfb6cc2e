// `berth import FILE|- [REPOSITORY[:TAG]]`: docker's "import from a local template"; prints the image ID.
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import type { CoreFileSource } from '../../core/service-api.js';
import { flagList, flagString } from '../args.js';
import type { Command } from '../command.js';
import { taskProgressLine } from '../progress.js';
import { taskResult } from '../../../shared/tasks.js';

export const importCommand: Command = {
  name: 'import',
  usage: '[OPTIONS] file|- [REPOSITORY[:TAG]]',
  summary: 'Import the contents from a tarball to create a filesystem image',
  flags: [
    { name: 'change', short: 'c', type: 'list', help: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', type: 'string', help: 'Set commit message for imported image' },
    { name: 'platform', type: 'string', help: 'Set platform (os/arch[/variant]; default: this machine\'s)' },
  ],
  args: { min: 1, max: 2 },
  async run(ctx, args) {
    const [file, reference] = args.positionals as [string, string | undefined];
    if (/^https?:\/\//i.test(file)) {
      throw new BerthError('INVALID_ARGUMENT', `importing from a URL is not supported: download ${file} and import the file`);
    }
    const source: CoreFileSource = file === '-' ? { stream: ctx.io.stdin, name: 'stdin' } : { path: path.resolve(file) };
    const message = flagString(args, 'message');
    const platform = flagString(args, 'platform');
    const service = await ctx.service();
    // Progress only for a file on a terminal: docker draws nothing either when the output is piped.
    const progress = file !== '-' && ctx.io.stderrIsTTY ? taskProgressLine(service, ctx.io, 'Importing') : null;
    try {
      const handle = await service.importRootfs(source, {
        changes: flagList(args, 'change'),
        ...(reference ? { reference } : {}),
        ...(message !== undefined ? { message } : {}),
        ...(platform ? { platform } : {}),
      });
      progress?.follow(handle.taskId);
      const result = await taskResult(service, handle);
      progress?.stop(true);
      ctx.io.stdout.write(`${result.id}\n`);
    } catch (err) {
      progress?.stop(false);
      throw err;
    }
  },
};
