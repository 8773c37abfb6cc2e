// An ID or digest in short form; the full value on hover, copied on click.
import { shortId } from '../../../shared/format';
import { useAppStore } from '../state/store';
import { copyText } from './clipboard';

export function ShortId({ value, label = 'ID' }: { value: string; label?: string }) {
  const pushToast = useAppStore((state) => state.pushToast);
  const short = value.startsWith('sha256:') ? shortId(value) : value;
  return (
    <button
      type="button"
      className="short-id mono"
      title={`${value}\nClick to copy`}
      aria-label={`Copy ${label} ${short}`}
      onClick={() => {
        // The click also reaches the row, so clicking an ID in the table selects that row too.
        void copyText(value).then(
          () => pushToast({ tone: 'info', message: `Copied ${label.toLowerCase()} ${short}` }),
          () => pushToast({ tone: 'error', message: 'Could not copy to the clipboard' }),
        );
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      {short}
    </button>
  );
}
