// The tags of a Docker Hub repository with what the registry's /v2/<name>/tags/list cannot say: platforms,
// compressed sizes, digests and push times. GET {hubUrl}/v2/namespaces/{ns}/repositories/{repo}/tags?page=&page_size=
// (official images under `library`), one page per call so the app can page or scroll. docker has no such command;
// this is what Docker Hub's own web page and Docker Desktop's Hub view read.
import type { HubTagsOptions, HubTagsPage } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import type { OperationContext } from '../operations/context.js';
import { parseReference } from '../ref/reference.js';
import { endpointUrl, getHubJson, hubTransport } from './hub-http.js';
import { tagsAnswer } from './tag-results.js';

export const DEFAULT_TAGS_PAGE_SIZE = 25;

/** `nginx` → `library/nginx`; a tag or digest is ignored; another registry, or a deeper path, is refused. */
export function hubRepository(input: string): { namespace: string; name: string } {
  let ref;
  try {
    ref = parseReference(input.trim());
  } catch (err) {
    throw new BerthError('INVALID_REFERENCE', (err as Error).message, { cause: err });
  }
  if (ref.domain !== 'docker.io') throw new BerthError('INVALID_ARGUMENT', `${ref.domain} is not Docker Hub: list its tags with \`berth tags\``);
  const parts = ref.path.split('/');
  if (parts.length !== 2) throw new BerthError('INVALID_ARGUMENT', `Docker Hub repositories are NAMESPACE/NAME; "${ref.path}" is not`);
  return { namespace: parts[0]!, name: parts[1]! };
}

export async function hubTags(ctx: Pick<OperationContext, 'settings'>, repository: string, options: HubTagsOptions = {}, signal?: AbortSignal): Promise<HubTagsPage> {
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? DEFAULT_TAGS_PAGE_SIZE;
  if (!Number.isSafeInteger(page) || page < 1) throw new BerthError('INVALID_ARGUMENT', `page ${page} must be 1 or more`);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new BerthError('INVALID_ARGUMENT', `page size ${pageSize} is outside the range of [1, 100]`);
  const { namespace, name } = hubRepository(repository);
  const settings = await ctx.settings();
  const url = endpointUrl(settings.hubUrl, 'hubUrl', `/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(name)}/tags`);
  url.searchParams.set('page_size', String(pageSize));
  url.searchParams.set('page', String(page));
  const transport = hubTransport(settings.insecureRegistries);
  try {
    const answer = tagsAnswer(await getHubJson(transport, url, `tags of ${namespace}/${name}`, signal));
    return { repository: `${namespace}/${name}`, count: answer.count, page, pageSize, hasNext: answer.hasNext, tags: answer.tags.slice(0, pageSize) };
  } finally {
    await transport.close();
  }
}
