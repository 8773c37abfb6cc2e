// `berth commit`: docker commit's flags and output (the new image's ID, `sha256:…`), in two forms.
//   berth commit [-a] [-c]… [-m] --from IMAGE [--add DIR|TARBALL[:DEST]]… [REPOSITORY[:TAG]]
//     a new image on top of one in Berth's store, without a daemon;
//   berth commit [-a] [-c]… [-m] [-p=true|false] CONTAINER [REPOSITORY[:TAG]]
//     a container of the local Docker Engine (or podman's Docker-compatible socket), committed there and copied in.
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { taskResult } from '../../../shared/tasks.js';
import { parseAddArgument } from '../../core/operations/commit-adds.js';
import { flagList, flagString } from '../args.js';
import type { Command } from '../command.js';
import { taskProgressLine } from '../progress.js';

export const commitCommand: Command = {
  name: 'commit',
  usage: '[OPTIONS] (--from IMAGE | CONTAINER) [REPOSITORY[:TAG]]',
  summary: "Create a new image from an image and files, or from a container's changes",
  flags: [
    { name: 'author', short: 'a', type: 'string', help: 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")' },
    { name: 'change', short: 'c', type: 'list', help: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', type: 'string', help: 'Commit message' },
    { name: 'pause', short: 'p', type: 'bool', help: 'Pause container during commit (default true)' },
    { name: 'from', type: 'string', help: "Build on this image from Berth's store instead of a container" },
    { name: 'add', type: 'list', help: 'With --from: a folder or tarball to add as a layer, at DEST (default /)' },
  ],
  args: { min: 0, max: 2 },
  async run(ctx, args) {
    const from = flagString(args, 'from');
    const author = flagString(args, 'author');
    const message = flagString(args, 'message');
    const changes = flagList(args, 'change');
    const common = { changes, ...(author !== undefined ? { author } : {}), ...(message !== undefined ? { message } : {}) };
    const service = await ctx.service();
    const progress = ctx.io.stderrIsTTY ? taskProgressLine(service, ctx.io, 'Committing') : null;
    try {
      let handle;
      if (from !== undefined) {
        if (args.flags.has('pause')) throw new BerthError('INVALID_ARGUMENT', '--pause applies to a container, not to --from IMAGE');
        if (args.positionals.length > 1) throw new BerthError('INVALID_ARGUMENT', '"berth commit --from IMAGE" takes at most one REPOSITORY[:TAG]');
        const [reference] = args.positionals as [string | undefined];
        const adds = flagList(args, 'add').map((text) => {
          const add = parseAddArgument(text);
          return { path: path.resolve(add.path), ...(add.dest ? { dest: add.dest } : {}) };
        });
        handle = await service.commitImage({ from, ...common, adds, ...(reference ? { reference } : {}) });
      } else {
        if (flagList(args, 'add').length > 0) throw new BerthError('INVALID_ARGUMENT', '--add needs --from IMAGE: files are added to an image from Berth\'s store');
        if (args.positionals.length === 0) throw new BerthError('INVALID_ARGUMENT', '"berth commit" requires a CONTAINER or --from IMAGE');
        const [container, reference] = args.positionals as [string, string | undefined];
        const pause = args.flags.get('pause');
        handle = await service.commitContainer(container, {
          ...common, ...(reference ? { reference } : {}), ...(pause === false ? { pause: false } : {}),
        });
      }
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
