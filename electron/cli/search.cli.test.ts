// `berth search` against the loopback Hub, compared with what docker 20.10 prints for the same answers. The expected
// lines are derived from docker/cli's formatter (formatter_search.go: table {{.Name}} {{.Description}} {{.StarCount}}
// {{.IsOfficial}} {{.IsAutomated}}, \n and \r as spaces, formatter.Ellipsis to 45 columns, `[OK]`; search.go:
// sorted by stars, most first; the tabwriter with minwidth 10 and padding 3). search.docker.test.ts runs the real
// docker 20.10 against the same server where dockerd is available; this file runs everywhere.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubServer, RATE_LIMITED, type HubServer } from '../core/testing/hub-server.js';
import { hubFixtures } from '../core/testing/hub-fixtures.js';
import { runCaptured } from './test-support/capture-io.js';

let hub: HubServer;
let dir: string;

beforeAll(async () => {
  hub = await startHubServer(hubFixtures());
  dir = await mkdtemp(path.join(tmpdir(), 'berth-cli-search-'));
  await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ hubUrl: hub.url, indexUrl: hub.url }));
});
afterAll(async () => {
  await hub.stop();
  await rm(dir, { recursive: true, force: true });
});

const berth = (...args: string[]) => runCaptured(['--store', path.join(dir, 'store'), 'search', ...args], { env: { BERTH_CONFIG: path.join(dir, 'settings.json') } });

const TABLE = [
  'NAME                          DESCRIPTION                                     STARS     OFFICIAL   AUTOMATED',
  'nginx                         Official build of Nginx.                        20812     [OK]       ',
  'bitnami/nginx                 Bitnami container image for NGINX Secure, up…   192                  ',
  'nginxinc/nginx-unprivileged   Unprivileged NGINX Dockerfiles                  152                  [OK]',
  'nginxproxy/nginx-proxy        Automated nginx proxy for Docker containers …   152                  [OK]',
  'ubuntu/nginx                  Nginx, a high-performance reverse proxy & we…   124                  ',
  'nginx/nginx-ingress           NGINX and NGINX Plus Ingress Controllers for…   98                   ',
  'kasmweb/nginx                 An Nginx image based off nginx:alpine and in…   7                    ',
  'nginx-curious/empty                                                           0                    ',
  '',
].join('\n');

describe('berth search', () => {
  it("prints docker 20.10's table: stars first, line breaks folded, cut to 45 columns, [OK]", async () => {
    hub.requests.length = 0;
    const out = await berth('nginx');
    expect(out).toEqual({ code: 0, stdout: TABLE, stderr: '' });
    expect(hub.requests.map((r) => r.url)).toEqual(['/v1/search?q=nginx&n=25']);
  });

  it('--no-trunc prints whole descriptions, \\r\\n as two spaces', async () => {
    const { stdout } = await berth('--no-trunc', 'nginx');
    expect(stdout).toContain('bitnami/nginx                 Bitnami container image for NGINX Secure, up to date, minimal.     ');
    expect(stdout).toContain('An Nginx image based off nginx:alpine and include  some extras — 日本語の説明 with wide characters that run past the column');
  });

  it('--limit asks the index for N; filters then keep fewer', async () => {
    hub.requests.length = 0;
    const { stdout } = await berth('--limit', '3', '--filter', 'is-official=false', '-f', 'stars=100', 'library/nginx');
    expect(hub.requests.map((r) => r.url)).toEqual(['/v1/search?q=nginx&n=3']);
    expect(stdout.split('\n').slice(1, -1).map((l) => l.split(' ')[0])).toEqual(['bitnami/nginx']);
    const official = await berth('--filter=is-official=true', 'nginx');
    expect(official.stdout.split('\n').slice(1, -1).map((l) => l.split(' ')[0])).toEqual(['nginx']);
  });

  it("takes docker's older spellings -s N, --stars=N and --automated (19.03's), with pflag's deprecation notes", async () => {
    const out = await berth('-s', '150', '--automated', 'nginx');
    expect(out.stdout).toBe([
      'NAME                          DESCRIPTION                                     STARS     OFFICIAL   AUTOMATED',
      'nginxinc/nginx-unprivileged   Unprivileged NGINX Dockerfiles                  152                  [OK]',
      'nginxproxy/nginx-proxy        Automated nginx proxy for Docker containers …   152                  [OK]',
      '',
    ].join('\n'));
    expect(out.stderr).toBe('Flag --automated has been deprecated, use --filter=is-automated=true instead\nFlag --stars has been deprecated, use --filter=stars=3 instead\n');
    expect((await berth('--stars=20000', 'nginx')).stdout.split('\n')[1]).toMatch(/^nginx\s/);
  });

  it("--format uses docker's placeholders; json prints booleans as docker's MarshalJSON does", async () => {
    expect((await berth('--format', '{{.Name}}: {{.StarCount}} {{.IsOfficial}}|{{.IsAutomated}}', '--limit', '3', 'nginx')).stdout).toBe('nginx: 20812 [OK]|\nbitnami/nginx: 192 |\nnginx/nginx-ingress: 98 |\n');
    expect((await berth('--format', 'table {{.Name}}\t{{.StarCount}}', '--limit', '2', 'nginx')).stdout).toBe('NAME                  STARS\nnginx                 20812\nnginx/nginx-ingress   98\n');
    expect((await berth('--format', 'json', '--limit', '1', 'nginx')).stdout).toBe('{"Description":"Official build of Nginx.","IsAutomated":"false","IsOfficial":"true","Name":"nginx","StarCount":"20812"}\n');
  });

  it("fails in docker's words: bad filters, bad numbers, limits, rate limits", async () => {
    expect(await berth('--filter', 'is-offical=true', 'nginx')).toMatchObject({ code: 1, stderr: "Error: Invalid filter 'is-offical'\n" });
    expect(await berth('--filter', 'stars=abc', 'nginx')).toMatchObject({ code: 1, stderr: "Error: Invalid filter 'stars=abc'\n" });
    expect(await berth('--filter', 'is-automated=yes', 'nginx')).toMatchObject({ code: 1, stderr: "Error: Invalid filter 'is-automated=[yes]'\n" });
    expect(await berth('--limit', '101', 'nginx')).toMatchObject({ code: 1, stderr: 'Error: Limit 101 is outside the range of [1, 100]\n' });
    const badStars = await berth('-s', 'many', 'nginx');
    expect(badStars.code).toBe(125);
    expect(badStars.stderr).toContain('invalid argument "many" for "-s, --stars" flag: strconv.ParseUint: parsing "many": invalid syntax');
    hub.fail(RATE_LIMITED);
    const limited = await berth('nginx');
    expect(limited.code).toBe(1);
    expect(limited.stderr).toMatch(/^Error: toomanyrequests: 127\.0\.0\.1:\d+ is limiting requests \(limit 180 per hour, 0 remaining\); try again in 60 minutes\n$/);
  });

  it('escapes control characters a hostile index sends in a description', async () => {
    hub.fail({ status: 200, body: { results: [{ name: 'evil/desc', description: 'red \u001b[31malert\u001b[0m \u202egnp.exe', star_count: 1 }] } });
    const { stdout } = await berth('--no-trunc', 'evil');
    expect(stdout).toContain('red \\x1b[31malert\\x1b[0m \\u202egnp.exe');
    expect(stdout).not.toContain('\u001b');
  });
});
