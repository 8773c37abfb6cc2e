// Text that wraps at separators (see break-points.ts) through <wbr>, so a URL or image reference breaks at / . - _ :
// instead of mid-word; the container's `overflow-wrap: anywhere` remains the last resort for a hex digest.
import { Fragment } from 'react';
import { breakSegments } from './break-points';

export function Breakable({ text }: { text: string }) {
  const segments = breakSegments(text);
  if (segments.length === 1) return <>{text}</>;
  return (
    <>
      {segments.map((segment, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {segment}
        </Fragment>
      ))}
    </>
  );
}
