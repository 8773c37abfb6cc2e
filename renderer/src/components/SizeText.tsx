// A human size (docker's rules) with the exact byte count on hover.
import { humanSize } from '../../../shared/format';

export function SizeText({ bytes }: { bytes: number }) {
  return (
    <span className="num" title={`${bytes.toLocaleString()} bytes`}>
      {humanSize(bytes)}
    </span>
  );
}
