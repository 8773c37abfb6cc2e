// `berth tags NAME`: the tags a repository has in its registry (skopeo list-tags; docker has no such command),
// every page of /v2/<name>/tags/list, in the registry's order. A tag or digest in NAME is ignored: the question is
// about the repository.
import { BerthError } from '../../../shared/errors.js';
import { RegistryClient } from '../registry/client.js';
import { listTags } from '../registry/tags.js';
import { parseReference } from '../ref/reference.js';
import type { OperationContext } from './context.js';

export async function remoteTags(ctx: OperationContext, input: string): Promise<string[]> {
  let ref;
  try {
    ref = parseReference(input.trim());
  } catch (err) {
    throw new BerthError('INVALID_REFERENCE', (err as Error).message, { cause: err });
  }
  const { insecureRegistries } = await ctx.settings();
  const client = new RegistryClient(ref.domain, { insecureRegistries });
  try {
    return await listTags(client, ref.path);
  } finally {
    await client.close();
  }
}
