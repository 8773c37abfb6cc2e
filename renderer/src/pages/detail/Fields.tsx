// A definition list of label/value rows, the building block of the Overview and Config tabs.
import type { ReactNode } from 'react';

export function Fields({ children }: { children: ReactNode }) {
  return <dl className="fields-list">{children}</dl>;
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || (Array.isArray(children) && children.length === 0);
  return (
    <>
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">—</span> : children}</dd>
    </>
  );
}
