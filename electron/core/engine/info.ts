// What the app's Engine section and `berth commit CONTAINER` need to know about the local engine: whether it
// answers (said once, plainly, when it does not), what it is (Docker Engine or Podman), and its containers and
// images as the Engine API lists them.
import type { EngineContainer, EngineImage, EngineInfo } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { EngineClient } from './client.js';

interface VersionReply {
  Version?: string;
  ApiVersion?: string;
  Os?: string;
  Arch?: string;
  Platform?: { Name?: string };
  Components?: Array<{ Name?: string }>;
}

export async function engineInfo(env: NodeJS.ProcessEnv = process.env): Promise<EngineInfo> {
  let client: EngineClient;
  try {
    client = EngineClient.fromEnv(env);
  } catch (err) {
    return { reachable: false, host: env.DOCKER_HOST ?? '', message: (err as Error).message };
  }
  try {
    const version = await client.json<VersionReply>({ path: '/version' });
    // podman's compatible service names itself in Components ("Podman Engine") and Platform.
    const podman = [version.Platform?.Name, ...(version.Components ?? []).map((c) => c.Name)].some((name) => /podman/i.test(name ?? ''));
    return {
      reachable: true,
      host: client.host,
      kind: podman ? 'podman' : 'docker',
      version: version.Version ?? '',
      apiVersion: version.ApiVersion ?? '',
      os: version.Os ?? '',
      arch: version.Arch ?? '',
    };
  } catch (err) {
    return { reachable: false, host: client.host, message: err instanceof BerthError ? err.message : String(err) };
  } finally {
    await client.close();
  }
}

interface ContainerReply {
  Id: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
}

export async function listEngineContainers(env: NodeJS.ProcessEnv = process.env): Promise<EngineContainer[]> {
  const client = EngineClient.fromEnv(env);
  try {
    const rows = await client.json<ContainerReply[]>({ path: '/containers/json', query: { all: '1' } });
    return rows.map((row) => ({
      id: row.Id,
      name: (row.Names?.[0] ?? row.Id.slice(0, 12)).replace(/^\//, ''),
      image: row.Image ?? '',
      imageId: row.ImageID ?? '',
      command: row.Command ?? '',
      created: row.Created ? new Date(row.Created * 1000).toISOString() : null,
      state: row.State ?? '',
      status: row.Status ?? '',
    }));
  } finally {
    await client.close();
  }
}

interface ImageReply {
  Id: string;
  RepoTags?: string[] | null;
  Created?: number;
  Size?: number;
}

export async function listEngineImages(env: NodeJS.ProcessEnv = process.env): Promise<EngineImage[]> {
  const client = EngineClient.fromEnv(env);
  try {
    const rows = await client.json<ImageReply[]>({ path: '/images/json' });
    return rows.map((row) => ({
      id: row.Id,
      // podman lists `<none>:<none>` where docker gives null; both mean untagged.
      tags: (row.RepoTags ?? []).filter((tag) => tag !== '<none>:<none>'),
      created: row.Created ? new Date(row.Created * 1000).toISOString() : null,
      size: row.Size ?? 0,
    }));
  } finally {
    await client.close();
  }
}
