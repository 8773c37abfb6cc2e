// `docker image inspect` output, with a `-f` template box evaluated as you type.
import type { ImageInspect } from '../../../../shared/api';
import { Icon } from '../../components/Icon';
import { copyText } from '../../components/clipboard';
import { useAppStore } from '../../state/store';
import { TemplateBox } from './TemplateBox';

export function JsonTab({ inspect }: { inspect: ImageInspect }) {
  const pushToast = useAppStore((state) => state.pushToast);
  // docker prints a JSON array with four-space indentation.
  const json = JSON.stringify([inspect], null, 4);
  return (
    <div className="json-tab">
      <TemplateBox data={inspect} />
      <div className="json-toolbar">
        <span className="muted small">berth inspect {inspect.RepoTags[0] ?? inspect.Id.slice(7, 19)}</span>
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            void copyText(json).then(
              () => pushToast({ tone: 'info', message: 'Copied the inspect JSON' }),
              () => pushToast({ tone: 'error', message: 'Could not copy to the clipboard' }),
            )
          }
        >
          <Icon name="copy" size={13} /> Copy JSON
        </button>
      </div>
      <pre className="json mono" aria-label="Inspect JSON" tabIndex={0}>
        {json}
      </pre>
    </div>
  );
}
