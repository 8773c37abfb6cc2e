// The history, newest step last as docker builds it, with each layer's size and digest.
import type { ImageDetail } from '../../../../shared/api';
import { exactTime } from '../../components/AgeText';
import { ShortId } from '../../components/ShortId';
import { SizeText } from '../../components/SizeText';
import { WastedSpace } from './WastedSpace';

export function LayersTab({ detail }: { detail: ImageDetail }) {
  const total = detail.layers.reduce((sum, layer) => sum + layer.size, 0);
  const onDisk = detail.layers.reduce((sum, layer) => sum + layer.diskSize, 0);
  return (
    <div className="layers">
      <div className="layers-summary">
        {detail.layers.length} history {detail.layers.length === 1 ? 'entry' : 'entries'} · <SizeText bytes={total} /> unpacked ·{' '}
        <SizeText bytes={onDisk} /> on disk
      </div>
      <ol className="layer-list" aria-label="Layers">
        {detail.layers.map((layer, index) => (
          <li key={index} className={layer.emptyLayer ? 'layer empty-layer' : 'layer'}>
            <div className="layer-head">
              <span className="layer-index num">{index + 1}</span>
              <span className="layer-size" title={layer.emptyLayer ? undefined : `${layer.size.toLocaleString()} bytes unpacked, ${layer.diskSize.toLocaleString()} bytes on disk`}>
                {layer.emptyLayer ? <span className="muted">no layer</span> : <SizeText bytes={layer.size} />}
              </span>
              {layer.digest && <ShortId value={layer.digest} label="layer digest" />}
              {layer.created && (
                <span className="muted small layer-created" title={exactTime(layer.created)}>
                  {new Date(layer.created).toLocaleDateString()}
                </span>
              )}
            </div>
            <code className="layer-command" title={layer.createdBy}>
              {layer.createdBy || <span className="muted">(no command recorded)</span>}
            </code>
            {layer.comment && <div className="muted small">{layer.comment}</div>}
          </li>
        ))}
      </ol>
      <WastedSpace imageId={detail.inspect.Id} layers={detail.layers} />
    </div>
  );
}
