// `berth push [OPTIONS] NAME[:TAG]`: docker push's output, line for line (see ../push-output.ts): the repository,
// a line per layer state, then `TAG: digest: sha256:… size: N` for each tag pushed; `-q` prints only the
// reference. Docker's documented flow works as it does with docker: `berth tag test:latest HOST/user/test:latest
// && berth push HOST/user/test:latest`.
import { parseReference, referenceToString, repositoryName, withDefaultTag } from '../../../shared/ref/reference.js';
import { taskResult } from '../../../shared/tasks.js';
import { flagBool } from '../args.js';
import type { Command } from '../command.js';
import { pushOutput } from '../push-output.js';

export const pushCommand: Command = {
  name: 'push',
  usage: '[OPTIONS] NAME[:TAG]',
  summary: 'Upload an image to a registry',
  flags: [
    { name: 'all-tags', short: 'a', type: 'bool', help: 'Push all tags of an image to the repository' },
    { name: 'quiet', short: 'q', type: 'bool', help: 'Suppress verbose output' },
  ],
  args: { min: 1, max: 1 },
  async run(ctx, args) {
    const [input] = args.positionals as [string];
    const allTags = flagBool(args, 'all-tags');
    const quiet = flagBool(args, 'quiet');
    const ref = parseReference(input);
    const service = await ctx.service();
    if (!quiet && !allTags && ref.tag === null && ref.digest === null) ctx.io.stdout.write('Using default tag: latest\n');
    const output = quiet ? null : pushOutput(service, ctx.io);
    try {
      const handle = await service.push(input, { allTags });
      if (!quiet) ctx.io.stdout.write(`The push refers to repository [${repositoryName(ref)}]\n`);
      output?.follow(handle.taskId);
      const result = await taskResult(service, handle);
      output?.finish(true);
      if (quiet) {
        ctx.io.stdout.write(`${allTags ? repositoryName(ref) : referenceToString(withDefaultTag(ref))}\n`);
        return;
      }
      for (const tag of result.tags) ctx.io.stdout.write(`${tag.tag}: digest: ${tag.digest} size: ${tag.size}\n`);
    } catch (err) {
      output?.finish(false);
      throw err;
    }
  },
};
