// The pane's tabs, as the WAI-ARIA tabs pattern has them: one Tab stop (the selected tab), Left/Right move and select
// at once (automatic activation), Home/End go to the ends, and the panel is labelled by its tab.
import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { DetailTab } from '../../state/detail-slice';
import { keepEnterInPane } from './pane-keys';

const ALL_TABS: Array<{ tab: DetailTab; label: string }> = [
  { tab: 'overview', label: 'Overview' },
  { tab: 'layers', label: 'Layers' },
  { tab: 'files', label: 'Files' },
  { tab: 'config', label: 'Config' },
  { tab: 'json', label: 'JSON' },
  { tab: 'packages', label: 'Packages' },
  // Only for an image pulled from (or pushed to) its repository: InspectPane says when.
  { tab: 'registry', label: 'Registry' },
];

const PANEL_ID = 'detail-panel';
const tabId = (tab: DetailTab) => `detail-tab-${tab}`;

export function DetailTabList({ tab, onSelect, hidden = [] }: { tab: DetailTab; onSelect(tab: DetailTab): void; hidden?: readonly DetailTab[] }) {
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);
  const TABS = ALL_TABS.filter((item) => !hidden.includes(item.tab));

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    keepEnterInPane(event);
    const index = TABS.findIndex((item) => item.tab === tab);
    const last = TABS.length - 1;
    const next =
      event.key === 'ArrowRight' ? (index === last ? 0 : index + 1)
      : event.key === 'ArrowLeft' ? (index === 0 ? last : index - 1)
      : event.key === 'Home' ? 0
      : event.key === 'End' ? last
      : -1;
    if (next < 0 || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    onSelect(TABS[next]!.tab);
    buttons.current[next]?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label="Detail sections" onKeyDown={onKeyDown}>
      {TABS.map((item, index) => (
        <button
          key={item.tab}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          role="tab"
          id={tabId(item.tab)}
          aria-selected={tab === item.tab}
          aria-controls={PANEL_ID}
          tabIndex={tab === item.tab ? 0 : -1}
          className="tab"
          onClick={() => onSelect(item.tab)}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

/**
 * The panel takes a Tab stop of its own only when nothing inside it can be focused, so a keyboard user can still reach
 * (and scroll) it; the check reruns when its content changes, e.g. when the lazily loaded JSON tab arrives.
 */
export function DetailTabPanel({ tab, children }: { tab: DetailTab; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const update = () => {
      const hasFocusable = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).some((element) => element !== panel);
      // Only touch the attribute when it changes: even an unchanged write would wake the observer again.
      if (hasFocusable) panel.removeAttribute('tabindex');
      else if (panel.getAttribute('tabindex') !== '0') panel.setAttribute('tabindex', '0');
    };
    update();
    const observer = new MutationObserver(update);
    observer.observe(panel, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'tabindex'] });
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="pane-body" role="tabpanel" id={PANEL_ID} aria-labelledby={tabId(tab)} onKeyDown={keepEnterInPane}>
      {children}
    </div>
  );
}
