// Key/value pairs (image labels): the key in a column of its own beside its value while there is room, the key
// above its value when the pane is narrow. Both wrap at separators; a long value opens with "Show all".
import { Breakable } from '../../components/Breakable';
import { ExpandableValue } from './ExpandableValue';

export function KeyValueList({ entries }: { entries: Array<[string, string]> }) {
  return (
    <dl className="kv-list">
      {entries.map(([key, value]) => (
        <div key={key} className="kv-item">
          <dt className="mono">
            <Breakable text={key} />
          </dt>
          <dd className="mono">{value === '' ? <span className="muted">(empty)</span> : <ExpandableValue text={value} name={key} />}</dd>
        </div>
      ))}
    </dl>
  );
}
