// A definition list of label/value rows, the building block of the Overview and Config tabs: two columns with room
// for the value, one column when the pane is narrow (a container query in detail.css). `wide` rows (lists of long
// key/value pairs) put their value under the label at full width.
import type { ReactNode } from 'react';

export function Fields({ children }: { children: ReactNode }) {
  return <dl className="fields-list">{children}</dl>;
}

export function Field({ label, wide = false, children }: { label: string; wide?: boolean; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || children === false || (Array.isArray(children) && children.length === 0);
  return (
    <div className={wide ? 'fields-row wide' : 'fields-row'}>
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">—</span> : children}</dd>
    </div>
  );
}
