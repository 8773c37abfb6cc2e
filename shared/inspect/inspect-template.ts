// `inspect -f` as docker/cli runs it (cli/command/inspect/inspector.go, TemplateInspector.Inspect): the template
// first runs over the typed struct (types.ImageInspect, see image-inspect-type.ts); if that fails for any reason,
// it runs again over the raw JSON decoded into interface{} (every object a map, numbers json.Number) with
// missingkey=error, and that run's output or error is the result. So `{{.ID}}` and `{{.Id}}` both work (the second
// through the raw map), `{{.Config.Healthcheck.Interval}}` prints `5s` but `{{.Id}} {{.Config.Healthcheck.Interval}}`
// prints 5000000000, and `{{.Nope}}` fails with `map has no entry for key "Nope"`. The CLI and the app's live box
// both call this, so they print the same.
import type { ImageInspect } from '../api.js';
import { BerthError } from '../errors.js';
import { goValue, jsonValue, type CompiledTemplate } from '../template/index.js';
import { IMAGE_INSPECT } from './image-inspect-type.js';

/** The inspect view as the typed value docker's templates see. */
function inspectValue(view: ImageInspect): ReturnType<typeof goValue> {
  return goValue(view, IMAGE_INSPECT);
}

/** One image's output; throws BerthError INVALID_TEMPLATE with the raw run's message when both runs fail. */
export function executeInspect(template: CompiledTemplate, view: ImageInspect): string {
  try {
    return template.execute(inspectValue(view));
  } catch (err) {
    if (!(err instanceof BerthError && err.code === 'INVALID_TEMPLATE')) throw err;
  }
  return template.execute(jsonValue(view), { missingKey: 'error' });
}
