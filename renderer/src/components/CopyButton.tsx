// A copy button that says "Copied" on itself for a moment (and to screen readers through a live region), so the
// confirmation appears where the user is looking instead of in a toast across the window.
import { useEffect, useRef, useState } from 'react';
import { useAppStore } from '../state/store';
import { copyText } from './clipboard';
import { Icon } from './Icon';

const SHOWN_MS = 1800;

export function CopyButton({ text, label, name }: { text: () => string; label: string; name: string }) {
  const pushToast = useAppStore((state) => state.pushToast);
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  function copy() {
    void copyText(text()).then(
      () => {
        setCopied(true);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setCopied(false), SHOWN_MS);
      },
      () => pushToast({ tone: 'error', message: 'Could not copy to the clipboard' }),
    );
  }

  return (
    <button type="button" className={copied ? 'button button-small copy-button copied' : 'button button-small copy-button'} aria-label={name} onClick={copy}>
      <Icon name={copied ? 'check' : 'copy'} size={13} />
      <span aria-live="polite">{copied ? 'Copied' : label}</span>
    </button>
  );
}
