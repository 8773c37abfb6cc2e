// Where a pull of a reference goes, and when to give up on one place for the next. Follows dockerd (moby's
// registry lookupV2Endpoints and distribution's pullEndpoints/continueOnError): for docker.io the registryMirrors
// are tried in their order, then Docker Hub itself; every other registry is asked directly and alone. On a mirror
// nearly any failure moves on — it cannot be reached, answers 5xx, does not know the repository or the manifest,
// wants credentials, or sent bytes that do not verify — since Hub may still have the image. What stops at once: a
// cancel, a full disk, and answers about the image itself that another endpoint would repeat (schema 1, an unknown
// media type). The image keeps its docker.io name whatever endpoint served it: RepoDigests and tags say docker.io.
import { BerthError } from '../../../shared/errors.js';
import { normalizeMirror } from '../../../shared/registry-settings.js';
import { RegistryClient, type Credentials } from '../registry/client.js';
import { DOCKER_HUB_REGISTRY } from '../registry/scheme.js';
import type { TaskState } from '../../../shared/api.js';
import type { ChildTask, TaskContext } from '../tasks/task-manager.js';

export interface PullEndpoint {
  /** `scheme://host[/path]` of a mirror or of Docker Hub; null: the registry's own host (scheme found by ping). */
  url: string | null;
  /** host[:port] contacted, for messages and for credentials. */
  host: string;
  mirror: boolean;
}

const HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** The endpoints to try in order for a reference whose domain is `registry`; the last one is never a mirror. */
export function pullEndpoints(registry: string, registryMirrors: readonly string[]): PullEndpoint[] {
  if (!HUB_NAMES.has(registry)) return [{ url: null, host: registry, mirror: false }];
  const mirrors = registryMirrors.map((m) => normalizeMirror(m)).filter((m) => m !== '');
  return [
    ...[...new Set(mirrors)].map((url) => ({ url, host: new URL(url).host, mirror: true })),
    { url: `https://${DOCKER_HUB_REGISTRY}`, host: 'docker.io', mirror: false },
  ];
}

/** Whether a failure at `endpoint` lets the pull go on to the next one (there must be one). */
export function tryNextEndpoint(error: unknown, endpoint: PullEndpoint, signal: AbortSignal): boolean {
  if (!endpoint.mirror || signal.aborted) return false;
  if (!(error instanceof BerthError)) return true;
  switch (error.code) {
    case 'CANCELLED':
    case 'NO_SPACE':
      return false;
    case 'INVALID_ARGUMENT':
      // Schema 1, a nested index, an index without the platform: about the image, so Hub would say the same.
      return false;
    default:
      // NETWORK (refused, TLS, 5xx), NOT_FOUND (manifest or repository unknown), UNAUTHORIZED, RATE_LIMITED,
      // DIGEST_MISMATCH: this mirror cannot serve it now; the next endpoint may.
      return true;
  }
}

/** A client for one endpoint: the registry's own, or one bound to a mirror's URL (plain http there if it says so). */
export function endpointClient(
  registry: string,
  endpoint: PullEndpoint,
  options: { insecureRegistries: readonly string[]; credentials?: Credentials },
): RegistryClient {
  if (!endpoint.mirror) {
    // Docker Hub through its fixed URL and the registry's own host alike: the client knows both.
    return new RegistryClient(registry, { insecureRegistries: options.insecureRegistries, credentials: options.credentials });
  }
  // A mirror written as http:// is the user's explicit choice of plain http for that host, as dockerd takes it.
  const url = new URL(endpoint.url!);
  const insecure = url.protocol === 'http:' ? [...options.insecureRegistries, url.host] : options.insecureRegistries;
  // Hub credentials are not sent to a mirror (another host): it gets the credentials saved for its own host.
  return new RegistryClient(endpoint.host, { insecureRegistries: insecure, credentials: options.credentials, baseUrl: endpoint.url! });
}

/**
 * The task as each attempt sees it: a later attempt announcing the same layers gets the children the first one
 * made (one row per layer, not one per endpoint), and a layer an attempt leaves failed is only marked so if the
 * pull ends there — when the next endpoint takes over, it is simply downloading again.
 */
class AttemptTask implements TaskContext {
  private readonly made = new Map<string, ChildTask>();
  private failedHere: Array<() => void> = [];

  constructor(private readonly task: TaskContext) {}

  get id(): string {
    return this.task.id;
  }

  get signal(): AbortSignal {
    return this.task.signal;
  }

  progress(current: number, total?: number | null): void {
    this.task.progress(current, total);
  }

  child(id: string, title: string): ChildTask {
    return this.children([{ id, title }])[0]!;
  }

  children(entries: ReadonlyArray<{ id: string; title: string; state?: TaskState }>): ChildTask[] {
    const fresh = entries.filter((e) => !this.made.has(e.id));
    const created = fresh.length > 0 ? this.task.children(fresh) : [];
    fresh.forEach((e, i) => this.made.set(e.id, created[i]!));
    return entries.map((e) => {
      const child = this.made.get(e.id)!;
      return {
        progress: (current, total) => child.progress(current, total),
        retitle: (title) => child.retitle(title),
        start: () => child.start(),
        finish: (state = 'done') => {
          if (state === 'failed' || state === 'cancelled') this.failedHere.push(() => child.finish(state));
          else child.finish(state);
        },
      };
    });
  }

  /** The pull ends with this attempt's error: its failed layers say so. */
  settleFailures(): void {
    for (const finish of this.failedHere) finish();
    this.failedHere = [];
  }

  /** The next endpoint takes over: this attempt's failures are forgotten. */
  forgetFailures(): void {
    this.failedHere = [];
  }
}

/**
 * Runs `attempt` at each endpoint in turn until one succeeds or fails in a way that stops (tryNextEndpoint). The
 * error reported when all fail is the last endpoint's (Docker Hub's), as docker reports it.
 */
export async function throughEndpoints<T>(
  endpoints: readonly PullEndpoint[],
  task: TaskContext,
  attempt: (endpoint: PullEndpoint, task: TaskContext) => Promise<T>,
): Promise<T> {
  const view = new AttemptTask(task);
  for (let i = 0; ; i++) {
    const endpoint = endpoints[i]!;
    try {
      return await attempt(endpoint, view);
    } catch (error) {
      const last = i === endpoints.length - 1;
      if (last || !tryNextEndpoint(error, endpoint, task.signal)) {
        view.settleFailures();
        throw error;
      }
      view.forgetFailures();
    }
  }
}
