// `berth search` against the real `docker search` (the 20.10 CLI and daemon Debian ships, on the shared private
// dockerd) for the same loopback index answers. docker searches the index its term names, so it is given
// `127.0.0.1:PORT/TERM` (a loopback index is insecure by default: after a failed https try it pings /v1/_ping and
// searches over http), Berth the bare TERM with `indexUrl` pointing at the same server; their stdout must match
// byte for byte: the table, truncation, sorting, [OK], filters, limits and --format. The deprecated -s/--stars and
// --automated are not compared: the 20.10 CLI had already removed them ("unknown shorthand flag: 's'").
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartDockerd, startDockerd, type Dockerd } from '../core/testing/dockerd.js';
import { findPeer } from '../core/testing/peers.mjs';
import { runProcess } from '../core/testing/run-process.js';
import { bulkFixtures, hubFixtures } from '../core/testing/hub-fixtures.js';
import { startHubServer, type HubServer } from '../core/testing/hub-server.js';
import { runCaptured } from './test-support/capture-io.js';

/** The 20.10 client (AUTOMATED column, sorted by stars) when installed beside a newer one. */
const DOCKER_20 = '/usr/bin/docker';
const available = canStartDockerd() && findPeer('dockerd') !== null && existsSync(DOCKER_20);
if (!available) console.warn('search.docker.test.ts skipped: dockerd or the 20.10 docker CLI missing, or not running as root');

describe.skipIf(!available)('berth search vs docker search', () => {
  let dockerd: Dockerd;
  let hub: HubServer;
  let dir: string;
  let index: string;

  beforeAll(async () => {
    hub = await startHubServer([...hubFixtures(), ...bulkFixtures(40)]);
    index = new URL(hub.url).host;
    dir = await mkdtemp(path.join(tmpdir(), 'berth-search-docker-'));
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ indexUrl: hub.url, hubUrl: hub.url }));
    dockerd = await startDockerd();
  }, 120_000);

  afterAll(async () => {
    await dockerd?.stop();
    await hub?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function both(args: string[], term: string): Promise<{ docker: string; berth: string }> {
    const docker = await runProcess(DOCKER_20, ['search', ...args, `${index}/${term}`], { env: dockerd.env, timeoutMs: 60_000 });
    const berth = await runCaptured(['--store', path.join(dir, 'store'), 'search', ...args, term], { env: { BERTH_CONFIG: path.join(dir, 'settings.json') } });
    return { docker: docker.stdout || `exit ${docker.code}: ${docker.stderr}`, berth: berth.stdout || `exit ${berth.code}: ${berth.stderr}` };
  }

  const CASES: Array<[string, string[], string]> = [
    ['the default table: stars order, folded and cut descriptions, [OK]', [], 'nginx'],
    ['--no-trunc', ['--no-trunc'], 'bitnami'],
    ['--limit and is-official=false', ['--limit', '5', '--filter', 'is-official=false'], 'nginx'],
    ['stars and is-automated filters', ['-f', 'stars=100', '-f', 'is-automated=true'], 'nginx'],
    ['is-official=true on a page of 40', ['--limit', '40', '--filter', 'is-official=true'], 'bulk'],
    ['a --format template', ['--format', '{{.Name}}|{{.Description}}|{{.StarCount}}|{{.IsOfficial}}|{{.IsAutomated}}'], 'berth'],
    ['a table --format', ['--format', 'table {{.Name}}\t{{.IsOfficial}}\t{{.StarCount}}'], 'hello'],
  ];

  it('--no-trunc with wide characters: the same cells; the padding after them differs by design', async () => {
    // Go's tabwriter counts runes, so docker's columns drift after 日本語 in a terminal; Berth's tabwriter pads by
    // terminal columns (wide characters count 2), so only the runs of spaces may differ.
    const { docker, berth } = await both(['--no-trunc'], 'nginx');
    expect(docker).toContain('日本語');
    expect(berth.replace(/ +/g, ' ')).toBe(docker.replace(/ +/g, ' '));
  }, 60_000);

  it("fails with the daemon's words for bad filters and limits", async () => {
    for (const args of [['--filter', 'is-offical=true'], ['--filter', 'stars=abc'], ['--filter', 'is-official=yes'], ['--limit', '101']]) {
      const docker = await runProcess(DOCKER_20, ['search', ...args, `${index}/nginx`], { env: dockerd.env, timeoutMs: 60_000 });
      const berth = await runCaptured(['--store', path.join(dir, 'store'), 'search', ...args, 'nginx'], { env: { BERTH_CONFIG: path.join(dir, 'settings.json') } });
      expect(docker.code).toBe(1);
      expect(berth.code).toBe(1);
      // docker says "Error response from daemon: …", Berth (no daemon) "Error: …"; the words after that are the same.
      expect(berth.stderr.replace(/^Error: /, '')).toBe(docker.stderr.replace(/^Error response from daemon: /, ''));
    }
  }, 60_000);

  for (const [what, args, term] of CASES) {
    it(what, async () => {
      const { docker, berth } = await both(args, term);
      expect(docker).toMatch(/\S/);
      expect(berth).toBe(docker);
    }, 60_000);
  }
});
