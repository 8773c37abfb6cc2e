// Runs the built `berth` CLI against a store, the way a user in a terminal would.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const cliPath = path.join(repoRoot, 'dist', 'cli', 'berth.js');
export const rendererIndex = path.join(repoRoot, 'dist', 'renderer', 'index.html');

export function assertBuilt(): void {
  for (const file of [cliPath, rendererIndex]) {
    if (!existsSync(file)) throw new Error(`${path.relative(repoRoot, file)} is missing: run \`npm run build\` before the e2e tests`);
  }
}

export function berth(store: string, args: string[], input?: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [cliPath, '--store', store, ...args], { maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`berth ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve(stdout);
    });
    if (input) child.stdin?.end(Buffer.from(input));
    else child.stdin?.end();
  });
}

export interface Served {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Default 0: any free port. */
  port?: number;
  /** settings.json, beside which serve keeps its token ($BERTH_CONFIG); default the user's. */
  config?: string;
  /** More environment for the server (e.g. TMPDIR, where its upload folder goes). */
  env?: Record<string, string>;
}

/** Starts `berth serve --port 0` and waits for the one line with the tokened URL. */
export function serve(store: string, options: ServeOptions = {}): Promise<Served> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env, ...(options.config ? { BERTH_CONFIG: options.config } : {}), ...options.env };
    const child = spawn(process.execPath, [cliPath, '--store', store, 'serve', '--port', String(options.port ?? 0)], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(new Error(`berth serve printed no URL within 15 s: ${err || out}`)), 15_000);
    function fail(error: Error) {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    }
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[0],
        process: child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 3000).unref();
          }),
      });
    });
    child.once('exit', (code) => fail(new Error(`berth serve exited with ${code}: ${err}`)));
  });
}
