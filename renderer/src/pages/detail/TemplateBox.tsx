// `berth inspect -f`: the template runs in the page on the inspect object as the CLI runs it, over docker's typed
// types.ImageInspect first and the raw JSON map when that fails (shared/inspect/inspect-template.ts).
import { useMemo } from 'react';
import type { ImageInspect } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { executeInspect } from '../../../../shared/inspect/inspect-template';
import { compileTemplate } from '../../../../shared/template/index';
import { CopyButton } from '../../components/CopyButton';
import { useAppStore } from '../../state/store';

const EXAMPLES = ['{{.Os}}/{{.Architecture}}', '{{json .Config.Env}}', '{{range .RepoTags}}{{println .}}{{end}}', '{{.Config.Labels}}'];

export function TemplateBox({ data }: { data: ImageInspect }) {
  const source = useAppStore((state) => state.templateSource);
  const setSource = useAppStore((state) => state.setTemplateSource);
  const result = useMemo(() => {
    if (!source.trim()) return null;
    try {
      return { ok: true as const, text: executeInspect(compileTemplate(source), data) };
    } catch (err) {
      return { ok: false as const, text: toErrorPayload(err).message };
    }
  }, [source, data]);

  return (
    <div className="template-box">
      <label className="field">
        <span className="field-label">
          Format <span className="muted">(-f, Go template)</span>
        </span>
        <input
          type="text"
          className="mono"
          aria-label="Format template"
          placeholder="{{.Os}}/{{.Architecture}}"
          value={source}
          onChange={(event) => setSource(event.target.value)}
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <div className="template-examples" aria-label="Examples">
        {EXAMPLES.map((example) => (
          <button key={example} type="button" className="chip mono" onClick={() => setSource(example)}>
            {example}
          </button>
        ))}
      </div>
      {result && (
        <div className="template-result">
          <output
            className={result.ok ? 'template-output mono' : 'template-output template-error mono'}
            aria-label={result.ok ? 'Template result' : 'Template error'}
            role={result.ok ? undefined : 'alert'}
          >
            {result.ok ? result.text || <span className="muted">(empty output)</span> : result.text}
          </output>
          {result.ok && <CopyButton text={() => result.text} label="Copy" name="Copy the template output" />}
        </div>
      )}
    </div>
  );
}
