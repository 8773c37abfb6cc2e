// `berth load [-i FILE] [-q]`: docker load. An archive from a file or stdin (never from a terminal: docker refuses
// with "requested load from stdin, but stdin is empty"), then docker's lines: `Loaded image: NAME:TAG` for each
// tag, `Loaded image ID: sha256:…` for an image without one.
import path from 'node:path';
import { BerthError } from '../../../shared/errors.js';
import { familiarString, parseReference } from '../../../shared/ref/reference.js';
import { taskResult } from '../../../shared/tasks.js';
import type { CoreFileSource } from '../../core/service-api.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';
import { taskProgressLine } from '../progress.js';

export const loadCommand: Command = {
  name: 'load',
  usage: '[OPTIONS]',
  summary: 'Load an image from a tar archive or STDIN',
  flags: [
    { name: 'input', short: 'i', type: 'string', help: 'Read from tar archive file, instead of STDIN' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress the load output' },
  ],
  args: { min: 0, max: 0 },
  async run(ctx, args) {
    const input = flagString(args, 'input');
    const quiet = flagBool(args, 'quiet');
    if (input === undefined && ctx.io.stdinIsTTY) throw new BerthError('INVALID_ARGUMENT', 'requested load from stdin, but stdin is empty');
    const source: CoreFileSource = input === undefined ? { stream: ctx.io.stdin, name: 'stdin' } : { path: path.resolve(input) };
    const service = await ctx.service();
    const progress = !quiet && ctx.io.stderrIsTTY ? taskProgressLine(service, ctx.io, 'Loading layer') : null;
    try {
      const handle = await service.load(source);
      progress?.follow(handle.taskId);
      const result = await taskResult(service, handle);
      progress?.stop(true);
      for (const image of result.images) {
        if (image.tags.length === 0) ctx.io.stdout.write(`Loaded image ID: ${image.id}\n`);
        for (const tag of image.tags) ctx.io.stdout.write(`Loaded image: ${familiarString(parseReference(tag))}\n`);
      }
    } catch (err) {
      progress?.stop(false);
      throw err;
    }
  },
};
