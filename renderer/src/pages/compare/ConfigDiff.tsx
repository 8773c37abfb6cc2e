// The configs' differences as rows of before (A) and after (B): one row per variable, label, port or volume, one
// for each other setting. "not set" where an image does not set it.
import type { ConfigDifference, ImageDiff } from '../../../../shared/api';

const FIELD_NAMES: Record<ConfigDifference['field'], string> = {
  Platform: 'Platform',
  Env: 'Environment',
  Cmd: 'Command',
  Entrypoint: 'Entrypoint',
  WorkingDir: 'Working folder',
  User: 'User',
  Labels: 'Label',
  ExposedPorts: 'Exposed port',
  Volumes: 'Volume',
  StopSignal: 'Stop signal',
  Healthcheck: 'Health check',
  OnBuild: 'On build',
};

/** Set-like fields (a port, a volume) show presence rather than a value. */
const PRESENCE = new Set<ConfigDifference['field']>(['ExposedPorts', 'Volumes']);

export function ConfigDiff({ diff }: { diff: ImageDiff }) {
  return (
    <div className="config-diff">
      {diff.config.length === 0 ? (
        <p className="compare-empty muted">The two images' configs set the same command, environment, labels, ports and volumes.</p>
      ) : (
        <table className="config-diff-table" aria-label="Config differences">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Before (A)</th>
              <th scope="col">After (B)</th>
            </tr>
          </thead>
          <tbody>
            {diff.config.map((difference, index) => (
              <tr key={index} className={`config-row ${kindOf(difference)}`}>
                <th scope="row">
                  <span className={`diff-mark mark-${markOf(difference)}`} aria-label={kindWord(difference)}>
                    {markOf(difference)}
                  </span>{' '}
                  {FIELD_NAMES[difference.field]}
                  {difference.key !== undefined && (
                    <>
                      {' '}
                      <code className="config-key">{difference.key}</code>
                    </>
                  )}
                </th>
                <td className="config-before">{value(difference, difference.before)}</td>
                <td className="config-after">{value(difference, difference.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted small config-layers">
        A has {diff.a.layers} {diff.a.layers === 1 ? 'layer' : 'layers'} ({diff.a.platform}), B has {diff.b.layers} ({diff.b.platform});{' '}
        {diff.sharedLayers === 0 ? 'they share no base layers.' : `the first ${diff.sharedLayers} ${diff.sharedLayers === 1 ? 'is' : 'are'} the same in both.`}
      </p>
    </div>
  );
}

function markOf(difference: ConfigDifference): 'A' | 'C' | 'D' {
  return difference.before === undefined ? 'A' : difference.after === undefined ? 'D' : 'C';
}

function kindOf(difference: ConfigDifference): string {
  return `is-${markOf(difference)}`;
}

function kindWord(difference: ConfigDifference): string {
  return { A: 'added', C: 'changed', D: 'removed' }[markOf(difference)];
}

function value(difference: ConfigDifference, text: string | undefined) {
  if (text === undefined) return <span className="muted">not set</span>;
  if (PRESENCE.has(difference.field)) return <span>{difference.field === 'ExposedPorts' ? 'exposed' : 'declared'}</span>;
  return <code className="config-value">{text === '' ? '""' : text}</code>;
}
