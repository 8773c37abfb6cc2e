// `berth inspect -f T` against `docker image inspect -f T` (docker 20.10 CLI and dockerd from Debian, private
// daemon) for the same images: the same rootfs tarball imported on both sides with the same -c/-m. Every template
// runs once over all the images, as `docker image inspect -f T a b c d` does, and stdout, stderr and the exit status
// must be equal after normalising only what must differ:
// - image IDs, `Created` and `Metadata.LastTagTime`: each side stamps its own time, and the time is in the config,
//   so in the ID; times are replaced by their shape (RFC 3339 text or Go's time.Time text);
// - pointer addresses inside a printed struct (`{{.Config}}` shows Healthcheck as 0xc000…): Go prints the address;
// - DockerVersion: docker writes its own version into the image config, Berth is not docker and writes none;
// - GraphDriver.Name: `vfs` is dockerd's storage driver; Berth unpacks no layers, so it has none ("").
// Size and VirtualSize are compared as they are: both sides count the layer's files unpacked.
// The Go types are docker 20.10's (shared/inspect/image-inspect-type.ts). A newer docker CLI decodes into other
// structs: rows marked `typed20` print differently there, so they are skipped (with a warning) when the only
// docker CLI installed is newer.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canStartDockerd, startDockerd, type Dockerd } from '../core/testing/dockerd.js';
import { findPeer } from '../core/testing/peers.mjs';
import { runProcess } from '../core/testing/run-process.js';
import { makeRootfsTar } from '../core/testing/tarball.mjs';
import { runCli } from './cli.js';
import type { CliIo } from './output.js';

const available = canStartDockerd() && findPeer('dockerd') !== null && findPeer('docker') !== null;
if (!available) console.warn('inspect.docker.test.ts skipped: dockerd/docker missing or not running as root');

/** The images, each with the changes it is imported with. */
const IMAGES: Array<{ name: string; args: string[] }> = [
  { name: 'plain:1', args: [] },
  {
    name: 'full:1',
    args: [
      '-c', 'ENV A=1', '-c', 'CMD ["x"]', '-c', 'LABEL b=2 a=1', '-c', 'EXPOSE 90 80',
      '-c', 'HEALTHCHECK --interval=5s --timeout=3s CMD x', '-c', 'WORKDIR /srv', '-c', 'VOLUME /data',
      '-c', 'ENTRYPOINT ["/bin/sh"]', '-c', 'USER nobody', '-c', 'ONBUILD RUN x', '-m', 'hello',
    ],
  },
  {
    name: 'edge:1',
    args: [
      '-c', 'HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2h --retries=3 CMD ["a","b"]',
      '-c', 'LABEL "com.x.y"="v w" z=""', '-c', 'ENV B=2 C=3', '-c', 'CMD echo hi', '-c', 'EXPOSE 53/udp',
      '-c', 'ENTRYPOINT []', '-c', 'VOLUME ["/a", "/b"]', '-m', 'edge <&>',
    ],
  },
  { name: 'none:1', args: ['-c', 'HEALTHCHECK NONE', '-c', 'ENV E=', '-c', 'LABEL empty='] },
];

interface Row {
  template: string;
  /** Printed differently by docker CLIs newer than 20.10 (other Go types). */
  typed20?: boolean;
  /** Parts that must differ (clock readings), replaced on both sides. */
  mask?: RegExp;
}

const DIGITS = /^-?\d+$/gm;
const ROWS: Row[] = [
  // Field names: Go's (`ID`) on the struct, the JSON key (`Id`) through docker's raw-map fallback.
  { template: '{{.Id}}' },
  { template: '{{.ID}}' },
  { template: '{{.Nope}}' },
  { template: '{{.Config.Nope}}' },
  { template: '{{.Metadata.LastTagTime.Nope}}' },
  { template: '{{.Config.Env.x}}' },
  // Nil slices and maps, zero values.
  { template: '{{.Config.Env}}' },
  { template: '{{.Config.Cmd}}' },
  { template: '{{.Config.Entrypoint}}' },
  { template: '{{printf "%v" .Config.Entrypoint}}' },
  { template: '{{.Config.OnBuild}}' },
  { template: '{{.Config.Labels}}' },
  { template: '{{.Config.ExposedPorts}}' },
  { template: '{{.Config.Volumes}}' },
  { template: '{{.Config.StopSignal}}' },
  { template: '{{.RepoDigests}}' },
  { template: '{{len .RepoTags}}' },
  { template: '{{len .Config.Labels}} {{len .Config.Volumes}} {{len .Config.Env}}' },
  { template: '{{.Config.Env | len}}' },
  { template: '{{index .RepoTags 0}}' },
  { template: '{{index .Config.Env 0}}' },
  { template: '{{index .Config.Labels "a"}}' },
  { template: '{{index .Config.ExposedPorts "80/tcp"}}' },
  { template: '{{.Config.Labels.a}}' },
  { template: '{{if .Config.Labels}}yes{{else}}no{{end}}' },
  { template: '{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}' },
  { template: '{{range $p, $_ := .Config.ExposedPorts}}{{$p}} {{end}}' },
  { template: '{{range .RootFS.Layers}}{{.}} {{end}}' },
  { template: '{{join .Config.Env ","}}' },
  { template: '{{join .Config.Labels ","}}' },
  { template: '{{.Config.Shell}} {{.Config.ArgsEscaped}} {{.Config.Hostname}}|{{.Config.Image}}|{{.Config.MacAddress}}' },
  { template: '{{.Config.WorkingDir}} {{.Config.User}}' },
  { template: '{{.Author}}|{{.Comment}}|{{.Parent}}|{{.Variant}}{{.OsVersion}}|{{.Container}}|{{.DockerVersion}}' },
  { template: '{{.Architecture}}/{{.Os}}' },
  { template: '{{upper .Os}} {{truncate .Comment 3}} {{slice .RepoTags 0 1}}' },
  // time.Time and time.Duration.
  { template: '{{.Created}}' },
  { template: '{{.Metadata.LastTagTime}}' },
  { template: '{{.Metadata}}' },
  { template: '{{json .Metadata}}' },
  { template: '{{.Metadata.LastTagTime.Year}}' },
  { template: '{{.Metadata.LastTagTime.Unix}}', mask: DIGITS },
  { template: '{{.Metadata.LastTagTime.Format "2006-01-02T15:04:05Z07:00"}}' },
  { template: '{{.Config.Healthcheck.Interval}}' },
  { template: '{{.Config.Healthcheck.Timeout}} {{.Config.Healthcheck.StartPeriod}} {{.Config.Healthcheck.Retries}}' },
  { template: '{{.Config.Healthcheck.Test}}' },
  { template: '{{with .Config.Healthcheck}}{{.Interval}}{{else}}none{{end}}' },
  { template: '{{.Config.Healthcheck.Interval.Seconds}}' },
  { template: '{{printf "%d" .Config.Healthcheck.Interval}}' },
  { template: '{{.Config.Healthcheck}}', typed20: true },
  { template: '{{println .Config.Healthcheck}}', typed20: true },
  { template: '{{json .Config.Healthcheck}}' },
  // The keys docker has and Berth fills with zero values.
  { template: '{{.ContainerConfig.Hostname}}' },
  { template: '{{.ContainerConfig}}' },
  { template: '{{json .ContainerConfig}}' },
  { template: '{{.GraphDriver.Name}}' },
  { template: '{{.GraphDriver.Data}}' },
  { template: '{{.GraphDriver}}' },
  { template: '{{json .GraphDriver}}' },
  { template: '{{.RootFS}}', typed20: true },
  { template: '{{.RootFS.BaseLayer}}', typed20: true },
  { template: '{{json .RootFS}}' },
  { template: '{{.Size}}' },
  { template: '{{.VirtualSize}}' },
  // Whole structs and their JSON (key order, omitempty).
  { template: '{{.Config}}', typed20: true },
  { template: '{{json .Config}}', typed20: true },
  { template: '{{json .}}', typed20: true },
  { template: '{{json .Config.Env}} {{json .Config.Labels}} {{json .RepoDigests}}' },
  { template: '{{printf "%T" .}} {{printf "%T" .Config}}', typed20: true },
  { template: '{{printf "%T %T %T %T" .Size .Metadata.LastTagTime .Config.Cmd .Config.ExposedPorts}}', typed20: true },
  // Through docker's raw fallback: JSON numbers, maps everywhere, missingkey=error.
  { template: '{{.Id}} {{.Config.Healthcheck.Interval}}' },
  { template: '{{.ID}} {{.Config.Healthcheck.Interval}}' },
  { template: '{{.Id}} {{.Config.Env}}' },
  { template: '{{.Id}} {{.Config}}' },
  { template: '{{.Id}} {{json .}}' },
  { template: '{{.Id}} {{.Size}} {{printf "%T %T" .Size .Config}}' },
  { template: '{{.Id}} {{index .Config.Labels "zz"}}' },
  { template: '{{.Id}} {{.Config.Labels.zz}}' },
  { template: '{{.Id}} {{len .Config.Env}}' },
  { template: '{{.Id}} {{.Config.Env | len}}' },
  { template: '{{.Id}} {{eq .Size 6}}' },
  { template: '{{.Id}} {{truncate .Size 1}}' },
];

describe.skipIf(!available)('berth inspect -f vs docker image inspect -f', () => {
  let dockerd: Dockerd;
  let dir: string;
  let store: string;
  let dockerCli: string;
  let cli2010 = false;
  let daemonVersion = '';
  const ids = { docker: [] as string[], berth: [] as string[] };

  async function docker(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const result = await runProcess(dockerCli, args, { env: dockerd.env });
    return { code: result.code ?? -1, stdout: result.stdout, stderr: result.stderr };
  }

  async function berth(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: { write: (t) => void (stdout += t) },
      stderr: { write: (t) => void (stderr += t) },
      stdin: new PassThrough(),
      stdinIsTTY: false,
      stderrIsTTY: false,
      columns: 0,
      env: {},
      now: () => Date.now(),
      untilSignal: () => new Promise(() => undefined),
    };
    const code = await runCli(['--store', store, ...args], io);
    return { code, stdout, stderr };
  }

  /** Debian's docker.io CLI (/usr/bin/docker) is 20.10 like the daemon; another docker on PATH may be newer. */
  async function pickCli(): Promise<void> {
    const candidates = [...new Set([findPeer('docker'), '/usr/bin/docker'].filter((p): p is string => p !== null && existsSync(p)))];
    for (const candidate of candidates) {
      dockerCli = candidate;
      const version = (await docker(['version', '--format', '{{.Client.Version}}'])).stdout.trim();
      if (version.startsWith('20.10.')) {
        cli2010 = true;
        return;
      }
    }
    dockerCli = candidates[0]!;
    console.warn(`inspect.docker.test.ts: no docker 20.10 CLI; rows typed by docker 20.10's structs are skipped (${dockerCli})`);
  }

  beforeAll(async () => {
    dockerd = await startDockerd();
    await pickCli();
    daemonVersion = (await docker(['version', '--format', '{{.Server.Version}}'])).stdout.trim();
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-inspect-docker-'));
    store = path.join(dir, 'store');
    const tarball = path.join(dir, 'rootfs.tar');
    await writeFile(tarball, await makeRootfsTar({ 'etc/hostname': 'berth\n' }));
    for (const image of IMAGES) {
      const fromDocker = await docker(['import', ...image.args, tarball, image.name]);
      expect(fromDocker.stderr).toBe('');
      ids.docker.push(fromDocker.stdout.trim());
      const fromBerth = await berth(['import', ...image.args, tarball, image.name]);
      expect(fromBerth.stderr).toBe('');
      ids.berth.push(fromBerth.stdout.trim());
    }
  }, 120_000);

  afterAll(async () => {
    await dockerd?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  function normalise(text: string, side: 'docker' | 'berth', row: Row): string {
    let out = text;
    ids[side].forEach((id, i) => (out = out.replaceAll(id, `<id ${i}>`)));
    out = out
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z/g, '<RFC 3339>')
      .replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,9})? \+0000 UTC/g, '<time.Time>')
      .replace(/0xc[0-9a-f]{6,}/g, '<pointer>');
    if (side === 'docker') out = out.replaceAll(daemonVersion, '').replace(/\bvfs\b/g, '');
    return row.mask ? out.replace(row.mask, '<masked>') : out;
  }

  it(`prints what docker prints for ${ROWS.length} templates over ${IMAGES.length} images`, async () => {
    const names = IMAGES.map((image) => image.name);
    const rows = ROWS.filter((row) => cli2010 || !row.typed20);
    const differences: unknown[] = [];
    for (const row of rows) {
      const args = ['inspect', '-f', row.template, ...names];
      const [fromDocker, fromBerth] = [await docker(['image', ...args]), await berth(args)];
      const want = { code: fromDocker.code, stdout: normalise(fromDocker.stdout, 'docker', row), stderr: normalise(fromDocker.stderr, 'docker', row) };
      const got = { code: fromBerth.code, stdout: normalise(fromBerth.stdout, 'berth', row), stderr: normalise(fromBerth.stderr, 'berth', row) };
      if (JSON.stringify(want) !== JSON.stringify(got)) differences.push({ template: row.template, docker: want, berth: got });
    }
    expect(differences).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(cli2010 ? ROWS.length : 40);
  }, 300_000);

  it('prints the same inspect JSON, key for key and in docker\'s order', async () => {
    const names = IMAGES.map((image) => image.name);
    const [fromDocker, fromBerth] = [await docker(['image', 'inspect', ...names]), await berth(['inspect', ...names])];
    const none: Row = { template: '' };
    expect(normalise(fromBerth.stdout, 'berth', none)).toBe(normalise(fromDocker.stdout, 'docker', none));
  });
});
