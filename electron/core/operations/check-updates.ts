// `checkUpdates`: for each tagged image that came from a registry, one manifest HEAD (which Docker Hub does not
// count as a pull) for its tag, compared with its RepoDigests (update-status.ts). docker.io goes through the
// registryMirrors as a pull would, so the answer is about where Pull would fetch from. Each image's failure stays
// its own (status `error` with the reason): a registry that is down never fails the whole check.
import type { UpdateCheck } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { metaOf } from '../image/index-entries.js';
import type { RegistryClient } from '../registry/client.js';
import { headManifest } from '../registry/manifest.js';
import { normalizeReference, repositoryName } from '../ref/reference.js';
import type { ImageReference } from '../ref/reference.js';
import type { OperationContext } from './context.js';
import { endpointClient, pullEndpoints, tryNextEndpoint, type PullEndpoint } from './pull-endpoints.js';
import { compareDigests, digestsFor } from './update-status.js';

/** Registries asked at once; images of one registry share its client (one ping, one token per repository). */
const AT_ONCE = 4;

interface Job {
  reference: string;
  ref: ImageReference;
  local: string[];
}

function jobsFor(records: Awaited<ReturnType<OperationContext['catalog']['load']>>['records'], wanted: Set<string> | null): { jobs: Job[]; skipped: UpdateCheck[] } {
  const jobs = new Map<string, Job>();
  const skipped: UpdateCheck[] = [];
  const checkedAt = new Date().toISOString();
  for (const record of records) {
    if (!record.reference || !record.ref || record.ref.tag === null) continue;
    if (wanted && !wanted.has(record.reference)) continue;
    if (jobs.has(record.reference)) continue;
    const local = digestsFor(repositoryName(record.ref), metaOf(record.entry).repoDigests ?? []);
    if (local.length === 0) {
      skipped.push({ reference: record.reference, status: 'not-checked', remoteDigest: null, error: 'not pulled from a registry: no repo digest to compare', checkedAt });
      continue;
    }
    jobs.set(record.reference, { reference: record.reference, ref: record.ref, local });
  }
  return { jobs: [...jobs.values()], skipped };
}

export async function checkUpdates(ctx: OperationContext, references?: string[]): Promise<UpdateCheck[]> {
  let wanted: Set<string> | null = null;
  if (references) {
    wanted = new Set(references.map((r) => {
      try {
        return normalizeReference(r);
      } catch (err) {
        throw new BerthError('INVALID_REFERENCE', (err as Error).message, { cause: err });
      }
    }));
  }
  const { records } = await ctx.catalog.load();
  const { jobs, skipped } = jobsFor(records, wanted);
  const settings = await ctx.settings();
  const clients = new Map<string, RegistryClient>();
  const clientFor = async (registry: string, endpoint: PullEndpoint): Promise<RegistryClient> => {
    const key = `${registry} ${endpoint.url ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      client = endpointClient(registry, endpoint, { insecureRegistries: settings.insecureRegistries, credentials: await ctx.credentials(endpoint.host) });
      clients.set(key, client);
    }
    return client;
  };
  const never = new AbortController().signal;

  const check = async (job: Job): Promise<UpdateCheck> => {
    const endpoints = pullEndpoints(job.ref.domain, settings.registryMirrors);
    for (let i = 0; ; i++) {
      const endpoint = endpoints[i]!;
      try {
        const client = await clientFor(job.ref.domain, endpoint);
        const head = await headManifest(client, job.ref.path, job.ref.tag!);
        return { reference: job.reference, status: compareDigests(job.local, head.digest), remoteDigest: head.digest, error: null, checkedAt: new Date().toISOString() };
      } catch (err) {
        if (i < endpoints.length - 1 && tryNextEndpoint(err, endpoint, never)) continue;
        return { reference: job.reference, status: 'error', remoteDigest: null, error: (err as Error).message, checkedAt: new Date().toISOString() };
      }
    }
  };

  const results: UpdateCheck[] = [];
  try {
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) results.push(await check(jobs[next++]!));
    };
    await Promise.all(Array.from({ length: Math.min(AT_ONCE, jobs.length) }, worker));
  } finally {
    await Promise.all([...clients.values()].map((c) => c.close()));
  }
  const order = new Map(records.map((r, i) => [r.reference, i]));
  return [...results, ...skipped].sort((a, b) => (order.get(a.reference) ?? 0) - (order.get(b.reference) ?? 0));
}
