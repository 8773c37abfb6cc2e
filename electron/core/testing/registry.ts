// A real distribution registry (Debian's docker-registry 2.8) on a free loopback port, storing into a
// temp folder. Modes: open, htpasswd Basic auth with the fixed account below, or Bearer tokens from the token server
// beside this file (token-server.ts: anonymous pulls of public/*, the fixed account may do anything).
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port.js';
import { requirePeer } from './peers.mjs';
import { startDaemon, waitUntil } from './run-process.js';
import { TOKEN_ISSUER, TOKEN_SERVICE, startTokenServer, type TokenServer } from './token-server.js';

export type RegistryAuth = 'none' | 'htpasswd' | 'token';

export const REGISTRY_USER = 'berth';
export const REGISTRY_PASSWORD = 'berth-password';
// bcrypt of REGISTRY_PASSWORD at cost 4: the registry checks it on every request, so keep it cheap.
const REGISTRY_PASSWORD_BCRYPT = '$2b$04$Kh.sQTL6oF.A583pHCDie.HpDzGSow45HUduDBvbyQstGmf0RaIhC';

export interface Registry {
  /** host:port, as it appears in image references (`127.0.0.1:5123/library/x:1`). */
  host: string;
  /** http://host:port */
  url: string;
  auth: RegistryAuth;
  /** The account's credentials when auth is 'htpasswd' or 'token'. */
  credentials?: { username: string; password: string };
  /** The token service when auth is 'token'. */
  tokenServer?: TokenServer;
  /** An Authorization value that may push to and pull from `repository` (undefined for an open registry). */
  authorization(repository: string): string | undefined;
  /** The registry's storage root (tests may look at or damage what it stores). */
  storageDir: string;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  auth?: RegistryAuth;
}

function authSection(auth: RegistryAuth, dir: string, tokenServer: TokenServer | undefined): { yaml: string; files: Record<string, string> } {
  switch (auth) {
    case 'none':
      return { yaml: '', files: {} };
    case 'token':
      return {
        yaml: `auth:\n  token:\n    realm: ${tokenServer!.realm}\n    service: ${TOKEN_SERVICE}\n    issuer: ${TOKEN_ISSUER}\n    rootcertbundle: ${tokenServer!.certificatePath}\n`,
        files: {},
      };
    case 'htpasswd': {
      const htpasswd = path.join(dir, 'htpasswd');
      return {
        yaml: `auth:\n  htpasswd:\n    realm: berth-test\n    path: ${htpasswd}\n`,
        files: { [htpasswd]: `${REGISTRY_USER}:${REGISTRY_PASSWORD_BCRYPT}\n` },
      };
    }
  }
}

function configYaml(port: number, storageDir: string, auth: string): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${storageDir}`,
    '  delete:',
    '    enabled: true',
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    `  secret: ${randomBytes(16).toString('hex')}`,
    '',
  ].join('\n') + auth;
}

/** GET /v2/ status, or 0 when nothing answers yet. */
function pingStatus(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v2/', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function startRegistry(options: RegistryOptions = {}): Promise<Registry> {
  const auth = options.auth ?? 'none';
  const binary = requirePeer('docker-registry');
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-registry-'));
  const storageDir = path.join(dir, 'storage');
  const credentials = { username: REGISTRY_USER, password: REGISTRY_PASSWORD };
  const tokenServer = auth === 'token' ? await startTokenServer(dir, credentials) : undefined;
  const section = authSection(auth, dir, tokenServer);
  for (const [file, content] of Object.entries(section.files)) await writeFile(file, content, { mode: 0o600 });
  const logPath = path.join(dir, 'registry.log');

  // The port is free when we ask but another process may take it before the registry binds: retry then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const configPath = path.join(dir, 'config.yml');
    await writeFile(configPath, configYaml(port, storageDir, section.yaml));
    await writeFile(logPath, '');
    const daemon = startDaemon(binary, ['serve', configPath], logPath, { graceMs: 5_000, signalOnExit: 'SIGKILL' });
    try {
      await waitUntil('docker-registry to answer /v2/', async () => {
        if (daemon.exited) throw new Error('docker-registry exited during startup');
        const status = await pingStatus(port);
        return status === 200 || status === 401;
      }, 20_000);
    } catch (error) {
      const log = await readFile(logPath, 'utf8').catch(() => '');
      await daemon.stop();
      if (attempt < 3 && /address already in use/.test(log)) continue;
      await tokenServer?.stop();
      await rm(dir, { recursive: true, force: true });
      throw new Error(`${(error as Error).message}\n--- registry log ---\n${log.slice(-2000)}`, { cause: error });
    }
    const host = `127.0.0.1:${port}`;
    return {
      host,
      url: `http://${host}`,
      auth,
      ...(auth !== 'none' ? { credentials } : {}),
      ...(tokenServer ? { tokenServer } : {}),
      authorization(repository) {
        if (auth === 'htpasswd') return `Basic ${Buffer.from(`${REGISTRY_USER}:${REGISTRY_PASSWORD}`).toString('base64')}`;
        if (tokenServer) return `Bearer ${tokenServer.mint([{ type: 'repository', name: repository, actions: ['pull', 'push'] }])}`;
        return undefined;
      },
      storageDir,
      async stop() {
        await daemon.stop();
        await tokenServer?.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
}
