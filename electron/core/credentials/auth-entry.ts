// One login as docker's config files hold it. Mirrors docker/cli's cli/config/types.AuthConfig and
// configfile's encodeAuth/decodeAuth: `auth` is base64 of `user:password` (split at the first colon, so a
// password may hold colons), or `username`/`password` in the clear (older files), and `identitytoken` a
// refresh token from the registry's token service. The email field docker once kept is ignored.
import { BerthError } from '../../../shared/errors.js';

export interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
  identitytoken?: string;
}

/** A usable login: a password, or an identity token (then the password is empty). */
export interface StoredLogin {
  username: string;
  password: string;
  identityToken?: string;
}

export function encodeEntry(login: StoredLogin): AuthEntry {
  const entry: AuthEntry = { auth: Buffer.from(`${login.username}:${login.password}`, 'utf8').toString('base64') };
  if (login.identityToken) entry.identitytoken = login.identityToken;
  return entry;
}

/**
 * The login in an `auths` entry; null when it holds none (docker writes `{}` next to a credsStore). `where` names
 * the file and key for the error an unreadable entry gets — never the entry's content.
 */
export function decodeEntry(value: unknown, where: string): StoredLogin | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entry = value as Record<string, unknown>;
  const text = (name: string): string => (typeof entry[name] === 'string' ? (entry[name] as string) : '');
  let username = text('username');
  let password = text('password');
  if (text('auth') !== '') {
    const decoded = Buffer.from(text('auth'), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new BerthError('INVALID_ARGUMENT', `invalid auth configuration in ${where}: "auth" is not base64 of user:password`);
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  const identityToken = text('identitytoken');
  if (identityToken !== '') return { username, password: '', identityToken };
  if (username === '' && password === '') return null;
  return { username, password };
}
