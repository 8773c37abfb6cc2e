// The Layers tab's last section: bytes a lower layer stores that a later layer overwrites or removes (every copy of
// the image carries them, no container sees them), the paths wasting most with the layers involved, and dive's
// efficiency score with how dive computes it. Layers are numbered as the history list above numbers them.
import { useEffect, useId, useState } from 'react';
import type { ErrorPayload, ImageWaste, LayerInfo, WastedPath } from '../../../../shared/api';
import { humanSize } from '../../../../shared/format';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { SizeText } from '../../components/SizeText';
import './wasted-space.css';

const SHOWN = 10;

type Waste = { state: 'loading' } | { state: 'error'; error: ErrorPayload } | { state: 'done'; waste: ImageWaste };

const ACTION_WORDS = { written: 'written', overwritten: 'overwritten', removed: 'removed' } as const;

function efficiencyExplained(waste: ImageWaste): string {
  return (
    'Efficiency as dive computes it: in each layer, every file, link, empty folder and deletion is an occurrence of ' +
    'its path (a deleted file sized 0, a deleted folder sized what it held; opaque folders are ignored). Per path, the ' +
    'smallest occurrence is kept. Efficiency = the kept sizes summed ÷ the sizes of every occurrence summed. ' +
    `dive's potential wasted space (every occurrence of the paths that occur more than once): ${humanSize(waste.diveWastedBytes)}.`
  );
}

function formatEfficiency(score: number): string {
  // Never round an imperfect image up to 100 %.
  const percent = Math.floor(score * 1000) / 10;
  return `${score < 1 && percent === 100 ? '99.9' : percent.toFixed(percent === 100 ? 0 : 1)} %`;
}

/** The history number (#N, as the list above shows) of each layer. */
function layerNumbers(layers: readonly LayerInfo[]): number[] {
  const numbers: number[] = [];
  layers.forEach((layer, row) => {
    if (!layer.emptyLayer) numbers.push(row + 1);
  });
  return numbers;
}

function LayerTrail({ offender, numbers, layers }: { offender: WastedPath; numbers: readonly number[]; layers: readonly LayerInfo[] }) {
  return (
    <span className="waste-layers">
      {offender.layers.map(({ layer, action }, i) => {
        const number = numbers[layer] ?? layer + 1;
        return (
          <span key={layer} className={`waste-layer waste-${action}`}>
            {i > 0 && <span aria-hidden="true"> → </span>}
            {ACTION_WORDS[action]} in{' '}
            <span className="num" title={layers[number - 1]?.createdBy || undefined}>
              #{number}
            </span>
          </span>
        );
      })}
    </span>
  );
}

export function WastedSpace({ imageId, layers }: { imageId: string; layers: readonly LayerInfo[] }) {
  const [waste, setWaste] = useState<Waste>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const described = useId();

  useEffect(() => {
    let live = true;
    setWaste({ state: 'loading' });
    getBridge()
      .imageWaste(imageId)
      .then((result) => live && setWaste({ state: 'done', waste: result }))
      .catch((err: unknown) => live && setWaste({ state: 'error', error: toErrorPayload(err) }));
    return () => {
      live = false;
    };
  }, [imageId, attempt]);

  let body;
  if (waste.state === 'loading') {
    body = (
      <p className="muted waste-note" role="status">
        Measuring… (the first time, each layer’s file list is read)
      </p>
    );
  } else if (waste.state === 'error') {
    body = (
      <div className="waste-error" role="alert">
        <p>Could not measure wasted space: {waste.error.message}</p>
        <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
          Retry
        </button>
      </div>
    );
  } else if (waste.waste.wastedBytes === 0 && waste.waste.efficiency === 1) {
    body = <p className="muted waste-note">No wasted space: no file is overwritten or removed by a later layer.</p>;
  } else {
    const { waste: w } = waste;
    const numbers = layerNumbers(layers);
    const explained = efficiencyExplained(w);
    const more = w.wastedPaths - Math.min(SHOWN, w.offenders.length);
    body = (
      <>
        <div className="waste-summary">
          <span className="waste-figure" tabIndex={0} title={explained} aria-describedby={described}>
            <span className="waste-label">Efficiency</span> <strong className="num">{formatEfficiency(w.efficiency)}</strong>
          </span>
          <span id={described} hidden>
            {explained}
          </span>
          <span className="waste-figure" title="Bytes of files a later layer overwrites or removes: every copy of the image still stores them, no container sees them.">
            <span className="waste-label">Wasted</span> <strong><SizeText bytes={w.wastedBytes} /></strong>
            <span className="muted">
              {' '}
              in {w.wastedPaths.toLocaleString()} {w.wastedPaths === 1 ? 'path' : 'paths'}, of <SizeText bytes={w.layerBytes} /> written
            </span>
          </span>
        </div>
        {w.offenders.length > 0 && (
          <ol className="waste-offenders" aria-label="Paths wasting most">
            {w.offenders.slice(0, SHOWN).map((offender) => (
              <li key={offender.path} className="waste-offender">
                <span className="waste-path mono" title={offender.path}>
                  {offender.path}
                  {offender.kind === 'dir' && '/'}
                </span>
                <span className="waste-bytes">
                  <SizeText bytes={offender.wastedBytes} />
                </span>
                <span className="waste-detail small muted">
                  <span className="waste-count" title={`Appears in ${offender.layers.length} layers`}>
                    {offender.layers.length}×
                  </span> <LayerTrail offender={offender} numbers={numbers} layers={layers} />
                </span>
              </li>
            ))}
          </ol>
        )}
        {more > 0 && (
          <p className="muted small waste-more">
            and {more.toLocaleString()} more {more === 1 ? 'path' : 'paths'}
          </p>
        )}
      </>
    );
  }
  return (
    <section className="waste" aria-labelledby={`${described}-title`}>
      <h3 className="waste-title" id={`${described}-title`}>
        Wasted space
      </h3>
      {body}
    </section>
  );
}
