// How the Registries page names registries and where their logins come from.
import type { LoginSource, RegistryLogin } from '../../../../shared/api';

export function registryLabel(registry: string): string {
  return registry === 'docker.io' ? 'Docker Hub' : registry;
}

const SOURCES: Record<LoginSource, string> = {
  berth: 'Berth',
  'docker-config': "Docker's config",
  'credential-helper': 'Credential helper',
};

export function sourceLabel(login: Pick<RegistryLogin, 'source' | 'helper'>): string {
  return login.source === 'credential-helper' && login.helper ? `${SOURCES[login.source]}: ${login.helper}` : SOURCES[login.source];
}

/** What a user runs to log out of a login Berth did not save (Berth leaves docker's files alone). */
export function dockerLogoutCommand(registry: string): string {
  return registry === 'docker.io' ? 'docker logout' : `docker logout ${registry}`;
}
