// `berth tags NAME`: Berth's own command (skopeo list-tags prints JSON; docker has none): the repository's tags in
// its registry, one a line, in the registry's order, so it pipes into grep, sort -V or xargs.
import type { Command } from '../command.js';

export const tagsCommand: Command = {
  name: 'tags',
  usage: 'NAME',
  summary: "List the tags of a repository in its registry",
  flags: [],
  args: { min: 1, max: 1 },
  async run(ctx, args) {
    const [name] = args.positionals as [string];
    const service = await ctx.service();
    for (const tag of await service.remoteTags(name)) ctx.io.stdout.write(`${tag}\n`);
  },
};
