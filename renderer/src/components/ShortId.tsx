// An ID or digest in short form, the full value on hover, and beside it a small copy button that shows a tick once
// copied. The ID itself is plain text: clicking it in the grid selects the row and nothing else.
import { useEffect, useState } from 'react';
import { shortId } from '../../../shared/format';
import { useAppStore } from '../state/store';
import { copyText } from './clipboard';
import { Icon } from './Icon';

const TICK_MS = 1500;

interface ShortIdProps {
  value: string;
  label?: string;
  /** False in the grid, which is one Tab stop: its buttons are reached with the arrow keys. */
  tabbable?: boolean;
}

export function ShortId({ value, label = 'ID', tabbable = true }: ShortIdProps) {
  const [copied, setCopied] = useState(false);
  const short = value.startsWith('sha256:') ? shortId(value) : value;

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), TICK_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  return (
    <span className="short-id-group">
      <span className="short-id mono" title={value}>
        {short}
      </span>
      <button
        type="button"
        className={copied ? 'id-copy-button copied' : 'id-copy-button'}
        title={copied ? 'Copied' : `Copy the full ${label}`}
        aria-label={`Copy ${label} ${short}`}
        tabIndex={tabbable ? undefined : -1}
        onClick={(event) => {
          event.stopPropagation(); // a copy is not a click on the row
          // Read at click time: a store subscription per row would cost every scroll and every store change.
          const { pushToast } = useAppStore.getState();
          void copyText(value).then(
            () => {
              setCopied(true);
              pushToast({ tone: 'info', message: `Copied the ${label} ${short}` });
            },
            () => pushToast({ tone: 'error', message: 'Could not copy to the clipboard' }),
          );
        }}
        onDoubleClick={(event) => event.stopPropagation()}
      >
        <Icon name={copied ? 'check' : 'copy'} size={13} />
      </button>
    </span>
  );
}
