// containerConfig against dockerd 20.10's `Config` for the same `docker import -c` changes (recorded from
// `docker image inspect`), key order included; and what docker 20.10's container.Config does to other configs.
import { describe, expect, test } from 'vitest';
import type { RunConfig } from '../oci/config.js';
import { containerConfig } from './container-config.js';
import { buildImportConfig } from './import-config.js';

const EMPTY = '"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false';

describe('the Config docker inspect prints for an import', () => {
  test.each([
    [[], `{${EMPTY},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":null,"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null}`],
    [
      ['HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2h --retries=3 CMD ["a","b"]', 'LABEL "com.x.y"="v w" z=""', 'ENV B=2 C=3', 'CMD echo hi', 'EXPOSE 53/udp', 'ENTRYPOINT []', 'VOLUME ["/a", "/b"]'],
      `{${EMPTY},"ExposedPorts":{"53/udp":{}},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["B=2","C=3"],"Cmd":["/bin/sh","-c","echo hi"],`
        + '"Healthcheck":{"Test":["CMD","a","b"],"Interval":90000000000,"Timeout":500000000,"StartPeriod":7200000000000,"Retries":3},'
        + '"Image":"","Volumes":{"/a":{},"/b":{}},"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"com.x.y":"v w","z":""}}',
    ],
    [
      ['HEALTHCHECK NONE', 'ENV E=', 'LABEL empty='],
      `{${EMPTY},"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["E="],"Cmd":null,"Healthcheck":{"Test":["NONE"]},"Image":"","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{"empty":""}}`,
    ],
  ])('%j', (changes, docker) => {
    const config = buildImportConfig({ diffId: 'sha256:' + '0'.repeat(64), changes });
    expect(JSON.stringify(containerConfig(config.config))).toBe(docker);
  });
});

describe('decoding into container.Config', () => {
  test('keeps the fields docker keeps, in its order, and drops unknown ones', () => {
    // A string Cmd: strslice.StrSlice decodes it as a one-element list.
    const config: Record<string, unknown> = {
      Shell: ['/bin/bash', '-c'], StopSignal: 'SIGKILL', StopTimeout: 5, Image: 'sha256:abc', Hostname: 'h',
      ArgsEscaped: true, Cmd: 'echo', ExposedPorts: {}, Healthcheck: { StartInterval: 5, Retries: 0 }, Unknown: 1,
    };
    const out = containerConfig(config as RunConfig);
    expect(JSON.stringify(out)).toBe(
      '{"Hostname":"h","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,'
      + '"OpenStdin":false,"StdinOnce":false,"Env":null,"Cmd":["echo"],"Healthcheck":{},"ArgsEscaped":true,"Image":"sha256:abc",'
      + '"Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null,"StopSignal":"SIGKILL","StopTimeout":5,'
      + '"Shell":["/bin/bash","-c"]}',
    );
    expect(containerConfig(undefined)).toEqual(containerConfig({}));
  });
});
