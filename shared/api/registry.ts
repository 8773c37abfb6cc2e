// The contract's registry work: pull, push, logins, the registry settings and update checks.
// Plain data (structured clone and JSON); re-exported by shared/api.ts, which holds the API itself.

export interface PullOptions {
  /** `os/arch[/variant]` to choose from an index; settings.json's `platform`, else the host's, by default. */
  platform?: string;
}

export interface PullResult {
  /** Image ID: the config digest. */
  id: string;
  /** The full normalised reference pulled (`docker.io/library/ubuntu:latest`, or `name@sha256:…`). */
  reference: string;
  /** What the reference points at in the registry: the manifest's digest, or the index's. */
  digest: string;
  /** `up-to-date` when the store already had exactly this image under this name: no blob was fetched. */
  status: 'downloaded' | 'up-to-date';
}

export interface PushOptions {
  /** Every tag of the repository (`-a`); the reference then names no tag. */
  allTags?: boolean;
}

export interface PushResult {
  /** `docker.io/library/ubuntu`: the repository pushed to. */
  repository: string;
  /** Each tag pushed, with what it now points at in the registry (docker's `TAG: digest: … size: N`). */
  tags: Array<{ tag: string; digest: string; size: number }>;
}

/** Where a registry login comes from: `berth login` (Berth's auth.json), docker's config.json, or a docker credential helper. */
export type LoginSource = 'berth' | 'docker-config' | 'credential-helper';

/** A registry with a login, as the Registries page and `listRegistries` show it: never the secret. */
export interface RegistryLogin {
  /** As references name it: `docker.io`, `127.0.0.1:5000`. */
  registry: string;
  /** The key the login is filed under (`https://index.docker.io/v1/` for Docker Hub). */
  server: string;
  /** null when the source does not say (an identity token, a helper that failed). */
  username: string | null;
  source: LoginSource;
  /** The credential helper's name (`desktop`, `pass`) when source is `credential-helper`. */
  helper: string | null;
  /** The file that holds the login, or that names the helper. */
  location: string;
  /** Why the login could not be read (a helper that failed), or null. */
  problem: string | null;
}

export interface LoginResult {
  registry: string;
  server: string;
  username: string;
  /** The file the login was saved in (Berth's auth.json). */
  location: string;
}

export interface LogoutResult {
  registry: string;
  server: string;
  /** Whether Berth had a login saved for it (and now has not). */
  removed: boolean;
  /** A login docker's config still gives this registry (Berth does not edit docker's files), or null. */
  remaining: RegistryLogin | null;
}

export interface RegistryTest {
  registry: string;
  /** Whether /v2/ answered as a registry does. */
  reachable: boolean;
  /** The scheme it asks for: null when it needs no login (or did not answer). */
  auth: 'basic' | 'bearer' | null;
  /** What became of the saved login: accepted, refused, none saved (`missing`), or not needed. */
  credentials: 'accepted' | 'refused' | 'missing' | 'not-needed' | null;
  /** Where the login tried came from, and whose it is. */
  source: LoginSource | null;
  username: string | null;
  /** One sentence for the user. */
  message: string;
}

/** The user settings every shell shares (settings.json, brief §3). */
export interface BerthSettings {
  /** Mirrors for docker.io, tried in order before Docker Hub (`https://mirror.example`). */
  registryMirrors: string[];
  /** host[:port] or CIDR allowed plain http and unverified TLS (loopback always is). */
  insecureRegistries: string[];
  /** `os/arch[/variant]` to pick from an index; the host's when empty. */
  platform: string;
  /** Layers a pull fetches at once. */
  parallelDownloads: number;
  hubUrl: string;
  indexUrl: string;
  /** The largest decompressed layer an import or load may write, in bytes; null for no limit beyond free space. */
  maxLayerBytes: number | null;
  /** Blobs a push sends at once (dockerd's max-concurrent-uploads, default 5). */
  parallelUploads: number;
}

/** What a registry says of one tagged image: does its tag still name the digest the image was pulled as? */
export interface UpdateCheck {
  /** The full reference checked (`docker.io/library/ubuntu:22.04`). */
  reference: string;
  /**
   * `update-available`: the tag names another digest now; `up-to-date`: the same; `not-checked`: the image has no
   * repo digest for its name (built or imported here), so there is nothing to compare; `error`: see `error`.
   */
  status: 'update-available' | 'up-to-date' | 'not-checked' | 'error';
  /** The digest the registry gives for the tag, when it answered. */
  remoteDigest: string | null;
  /** Why it could not be checked (`error`), or why it was not (`not-checked`). */
  error: string | null;
  checkedAt: string;
}
