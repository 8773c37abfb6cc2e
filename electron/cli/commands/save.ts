// `berth save [-o FILE] IMAGE…`: docker save. Writes one tarball (Docker 25+'s shape) to FILE or to stdout, never
// to a terminal (docker: "cowardly refusing to save to a terminal"). Quiet on success, as docker is.
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { taskResult } from '../../../shared/tasks.js';
import type { CoreFileTarget } from '../../core/service-api.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';
import { taskProgressLine } from '../progress.js';

export const saveCommand: Command = {
  name: 'save',
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  summary: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  flags: [
    { name: 'output', short: 'o', type: 'string', help: 'Write to a file, instead of STDOUT' },
    { name: 'platform', type: 'string', help: 'Save this platform of a multi-platform image (os/arch[/variant])' },
    {
      name: 'keep-compressed', type: 'bool',
      help: 'Write layers as stored (gzip), not uncompressed: smaller and faster; docker 20.10, podman and skopeo load it',
    },
  ],
  args: { min: 1, max: Infinity },
  async run(ctx, args) {
    const output = flagString(args, 'output');
    const platform = flagString(args, 'platform');
    let target: CoreFileTarget;
    if (output !== undefined && output !== '-') target = { path: path.resolve(output) };
    else {
      if (ctx.io.stdoutIsTTY || !ctx.io.binaryStdout) {
        throw new BerthError('INVALID_ARGUMENT', 'cowardly refusing to save to a terminal. Use the -o flag or redirect');
      }
      target = { stream: ctx.io.binaryStdout };
    }
    const service = await ctx.service();
    const progress = output && ctx.io.stderrIsTTY ? taskProgressLine(service, ctx.io, 'Saving') : null;
    try {
      const handle = await service.save(args.positionals, target, {
        ...(platform ? { platform } : {}),
        keepCompressed: flagBool(args, 'keep-compressed'),
      });
      progress?.follow(handle.taskId);
      await taskResult(service, handle);
      progress?.stop(true);
    } catch (err) {
      progress?.stop(false);
      throw err;
    }
  },
};
