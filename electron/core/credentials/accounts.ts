// `docker login`, `docker logout` and the Registries page's "test connection", over Berth's credentials file and
// the resolver. Mirrors docker/cli's cli/command/registry login.go and logout.go: the login is checked against
// the registry before it is saved (nothing is written for a refused one), and logout removes only what Berth
// saved — a login docker's config gives is reported, as docker's config is docker's to edit.
import type { LoginResult, LogoutResult, RegistryTest } from '../../../shared/api.js';
import { BerthError } from '../../../shared/errors.js';
import { RegistryClient } from '../registry/client.js';
import type { TransportOptions } from '../registry/transport.js';
import { removeLogin, saveLogin } from './auth-file.js';
import { type CredentialSources, findLogin, listLogins } from './resolver.js';
import { parseServer } from './server-address.js';

export interface AccountContext extends CredentialSources {
  /** insecureRegistries and friends, from settings.json. */
  transport: TransportOptions;
}

export async function login(ctx: AccountContext, server: string, username: string, password: string): Promise<LoginResult> {
  const address = parseServer(server);
  // docker's own words for an empty prompt answer.
  if (username.trim() === '') throw new BerthError('INVALID_ARGUMENT', 'Non-null Username Required');
  if (password === '') throw new BerthError('INVALID_ARGUMENT', 'Non-null Password Required');
  const user = username.trim();
  const client = new RegistryClient(address.registry, { ...ctx.transport, credentials: { username: user, password } });
  try {
    await client.checkLogin();
  } finally {
    await client.close();
  }
  await saveLogin(ctx.authFile, address.key, address.registry, { username: user, password });
  return { registry: address.registry, server: address.key, username: user, location: ctx.authFile };
}

export async function logout(ctx: AccountContext, server: string): Promise<LogoutResult> {
  const address = parseServer(server);
  const removed = await removeLogin(ctx.authFile, address.registry);
  const left = await findLogin(ctx, address.registry).catch(() => null);
  const remaining = left
    ? { registry: left.registry, server: left.server, username: left.login.username || null, source: left.source, helper: left.helper, location: left.location, problem: null }
    : null;
  return { registry: address.registry, server: address.key, removed, remaining };
}

export function listRegistries(ctx: AccountContext) {
  return listLogins(ctx);
}

export async function testRegistry(ctx: AccountContext, server: string): Promise<RegistryTest> {
  const address = parseServer(server);
  const found = await findLogin(ctx, address.registry);
  const usable = found?.login;
  const who = { source: found?.source ?? null, username: found?.login.username || null };
  const client = new RegistryClient(address.registry, { ...ctx.transport, ...(usable ? { credentials: usable } : {}) });
  try {
    let auth: 'basic' | 'bearer' | null;
    try {
      const { challenge } = await client.ping();
      auth = challenge ? (challenge.scheme === 'basic' ? 'basic' : 'bearer') : null;
    } catch (error) {
      return { registry: address.registry, reachable: false, auth: null, credentials: null, ...who, message: (error as Error).message };
    }
    const base = { registry: address.registry, reachable: true, auth, ...who };
    if (!auth) return { ...base, credentials: 'not-needed', message: `${address.registry} answers and needs no login` };
    if (!usable) {
      return { ...base, credentials: 'missing', message: `${address.registry} answers and asks for a login (${auth === 'basic' ? 'Basic' : 'token'}); no login is saved for it` };
    }
    try {
      await client.checkLogin();
      const whose = usable.username ? `the login of ${usable.username}` : 'the saved identity token';
      return { ...base, credentials: 'accepted', message: `${address.registry} answers and accepts ${whose}` };
    } catch (error) {
      if (error instanceof BerthError && error.code === 'UNAUTHORIZED') return { ...base, credentials: 'refused', message: `${address.registry} refused the saved login: ${error.message}` };
      return { ...base, reachable: false, credentials: null, message: (error as Error).message };
    }
  } finally {
    await client.close();
  }
}
