// The Go types `docker image inspect -f` evaluates over: docker 20.10's types.ImageInspect and what it holds
// (github.com/docker/docker/api/types, api/types/container, go-connections/nat, api/types/strslice), as
// vendored by docker/cli v20.10.24, the CLI of the dockerd Berth is measured against. Field order, JSON names
// and omitempty are the structs'; they decide what `{{.Config}}` and `{{json .}}` print.
//
// docker/cli 25+ decodes into image.InspectResponse instead (Config a *v1.DockerOCIImageConfig without Hostname,
// Image, …; no Container; RootFS without BaseLayer); against a 20.10 daemon its output differs in `{{json .}}`,
// `{{json .Config}}`, `{{.Config}}`, `{{.RootFS}}`, `{{.Config.Healthcheck}}` and `printf "%T"`.
import {
  BOOL, DURATION, EMPTY_STRUCT, field, INT, INT64, mapOf, pointerTo, sliceOf, STRING, struct, TIME, type GoType,
} from '../template/index.js';

const omitempty = { omitempty: true };
const STRINGS = sliceOf(STRING);
/** strslice.StrSlice: a []string that also decodes from a single JSON string. */
const STR_SLICE = sliceOf(STRING, 'strslice.StrSlice');

/** container.HealthConfig: durations are time.Duration (nanoseconds in JSON, `5s` in templates). */
const HEALTH_CONFIG = struct('container.HealthConfig', [
  field('Test', STRINGS, omitempty),
  field('Interval', DURATION, omitempty),
  field('Timeout', DURATION, omitempty),
  field('StartPeriod', DURATION, omitempty),
  field('Retries', INT, omitempty),
]);

/** container.Config, the image's `config` and `container_config`. */
const CONTAINER_CONFIG = struct('container.Config', [
  field('Hostname', STRING),
  field('Domainname', STRING),
  field('User', STRING),
  field('AttachStdin', BOOL),
  field('AttachStdout', BOOL),
  field('AttachStderr', BOOL),
  field('ExposedPorts', mapOf(EMPTY_STRUCT, 'nat.PortSet', 'nat.Port'), omitempty),
  field('Tty', BOOL),
  field('OpenStdin', BOOL),
  field('StdinOnce', BOOL),
  field('Env', STRINGS),
  field('Cmd', STR_SLICE),
  field('Healthcheck', pointerTo(HEALTH_CONFIG), omitempty),
  field('ArgsEscaped', BOOL, omitempty),
  field('Image', STRING),
  field('Volumes', mapOf(EMPTY_STRUCT)),
  field('WorkingDir', STRING),
  field('Entrypoint', STR_SLICE),
  field('NetworkDisabled', BOOL, omitempty),
  field('MacAddress', STRING, omitempty),
  field('OnBuild', STRINGS),
  field('Labels', mapOf(STRING)),
  field('StopSignal', STRING, omitempty),
  field('StopTimeout', pointerTo(INT), omitempty),
  field('Shell', STR_SLICE, omitempty),
]);

/** types.GraphDriverData */
const GRAPH_DRIVER_DATA = struct('types.GraphDriverData', [
  field('Data', mapOf(STRING)),
  field('Name', STRING),
]);

/** types.RootFS */
const ROOT_FS = struct('types.RootFS', [
  field('Type', STRING),
  field('Layers', STRINGS, omitempty),
  field('BaseLayer', STRING, omitempty),
]);

/** types.ImageMetadata: LastTagTime is a time.Time (`omitempty` never drops a struct). */
const IMAGE_METADATA = struct('types.ImageMetadata', [field('LastTagTime', TIME, omitempty)]);

/** types.ImageInspect. `Created` is a string (RFC 3339), unlike Metadata.LastTagTime. */
export const IMAGE_INSPECT: GoType = struct('types.ImageInspect', [
  field('ID', STRING, { json: 'Id' }),
  field('RepoTags', STRINGS),
  field('RepoDigests', STRINGS),
  field('Parent', STRING),
  field('Comment', STRING),
  field('Created', STRING),
  field('Container', STRING),
  field('ContainerConfig', pointerTo(CONTAINER_CONFIG)),
  field('DockerVersion', STRING),
  field('Author', STRING),
  field('Config', pointerTo(CONTAINER_CONFIG)),
  field('Architecture', STRING),
  field('Variant', STRING, omitempty),
  field('Os', STRING),
  field('OsVersion', STRING, omitempty),
  field('Size', INT64),
  field('VirtualSize', INT64),
  field('GraphDriver', GRAPH_DRIVER_DATA),
  field('RootFS', ROOT_FS),
  field('Metadata', IMAGE_METADATA),
]);
