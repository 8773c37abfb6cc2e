// `berth tags NAME`: the tags a repository has in its registry (skopeo list-tags; docker has no such command),
// every page of /v2/<name>/tags/list, in the registry's order, keeping only what docker's grammar calls a tag. A tag
// or digest in NAME is ignored: the question is about the repository.
import { BerthError } from '../../../shared/errors.js';
import { RegistryClient } from '../registry/client.js';
import { listTags } from '../registry/tags.js';
import { isTag, parseReference } from '../ref/reference.js';
import type { OperationContext } from './context.js';

export async function remoteTags(ctx: OperationContext, input: string): Promise<string[]> {
  let ref;
  try {
    ref = parseReference(input.trim());
  } catch (err) {
    throw new BerthError('INVALID_REFERENCE', (err as Error).message, { cause: err });
  }
  const { insecureRegistries } = await ctx.settings();
  const client = new RegistryClient(ref.domain, { insecureRegistries, credentials: await ctx.credentials(ref.domain) });
  try {
    // A registry's answer is not trusted: a "tag" outside docker's grammar (a newline, a path) could pose as
    // several lines or as something else in the output, and no pull could name it anyway.
    return (await listTags(client, ref.path)).filter(isTag);
  } finally {
    await client.close();
  }
}
