// Where the local Docker Engine listens, as the docker CLI finds it: DOCKER_HOST when it names a unix socket,
// else /var/run/docker.sock. Podman's Docker-compatible service is reached the same way (DOCKER_HOST=
// unix:///run/user/UID/podman/podman.sock, or the /var/run/docker.sock link podman-docker installs). Only unix
// sockets: a tcp:// or ssh:// DOCKER_HOST is a remote engine, which the bridge does not talk to.
export const DEFAULT_ENGINE_SOCKET = '/var/run/docker.sock';

export type EngineEndpoint = { socketPath: string; host: string } | { unsupported: string };

export function engineEndpoint(env: NodeJS.ProcessEnv = process.env): EngineEndpoint {
  const host = env.DOCKER_HOST?.trim();
  if (!host) return { socketPath: DEFAULT_ENGINE_SOCKET, host: `unix://${DEFAULT_ENGINE_SOCKET}` };
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length), host };
  if (host.startsWith('/')) return { socketPath: host, host: `unix://${host}` };
  return { unsupported: host };
}
