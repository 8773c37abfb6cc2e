// A long value (a label, an environment variable) shown on its first few lines, with "Show all" when it is cut.
// Whether it is cut is measured, not guessed from its length, so it follows the pane's width.
import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Breakable } from '../../components/Breakable';

/** `prefix` (an environment variable's `KEY=`) is shown and cut together with the value. */
export function ExpandableValue({ text, name, prefix }: { text: string; name: string; prefix?: ReactNode }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [expanded, setExpanded] = useState(false);
  const [cut, setCut] = useState(false);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || expanded) return;
    // The observer reports once on observe and again on every resize of the pane.
    const observer = new ResizeObserver(() => setCut(element.scrollHeight > element.clientHeight + 1));
    observer.observe(element);
    return () => observer.disconnect();
  }, [expanded, text]);

  return (
    <>
      <span ref={ref} className={expanded ? 'expandable' : 'expandable clamped'}>
        {prefix}
        <Breakable text={text} />
      </span>
      {(cut || expanded) && (
        <button type="button" className="link-button show-all" aria-expanded={expanded} aria-label={`${expanded ? 'Show less' : 'Show all'} of ${name}`} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : 'Show all'}
        </button>
      )}
    </>
  );
}
