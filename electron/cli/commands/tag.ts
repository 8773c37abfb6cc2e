// `berth tag SOURCE TARGET`: like docker, silent on success.
import type { Command } from '../command.js';

export const tagCommand: Command = {
  name: 'tag',
  usage: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  summary: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  flags: [],
  args: { min: 2, max: 2 },
  async run(ctx, args) {
    const [source, target] = args.positionals as [string, string];
    await (await ctx.service()).tag(source, target);
  },
};
