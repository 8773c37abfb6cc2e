// Compare two images: "A → B" with a swap, the counts and size change, then the changed paths as a tree (docker
// diff's A/C/D) or the config's differences. Opened from the Images page (two selected rows, or a row's "Compare
// with…", which first asks for the other image here).
import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { humanSize } from '../../../../shared/format';
import { Icon } from '../../components/Icon';
import { ShortId } from '../../components/ShortId';
import { SizeText } from '../../components/SizeText';
import { useAppStore } from '../../state/store';
import { changeOther, swapCompare, useCompareStore } from './compare-state';
import { ComparePicker } from './ComparePicker';
import { ConfigDiff } from './ConfigDiff';
import { DiffFiles } from './DiffFiles';
import { deltaClass, signedSize } from './diff-tree';
import { useImageDiff } from './useImageDiff';
import './compare.css';

type Tab = 'files' | 'config';

export function ComparePage() {
  const { a, b } = useCompareStore(useShallow((state) => ({ a: state.a, b: state.b })));
  const setPage = useAppStore((state) => state.setPage);
  const answer = useImageDiff(a?.target ?? null, b?.target ?? null);
  const { error, loading } = answer;
  // The answer for another pair (the one before a swap or a change of B) is not shown under these names.
  const diff = answer.diff && a && b && answer.diff.a.id === a.id && answer.diff.b.id === b.id ? answer.diff : null;
  const [tab, setTab] = useState<Tab>('files');

  return (
    <div className="page compare-page">
      <header className="top-bar compare-top">
        <button type="button" className="button" onClick={() => setPage('images')} title="Back to the Images list">
          ← Images
        </button>
        <h1 className="page-title">Compare</h1>
        {a && (
          <div className="compare-pair" aria-label="Images compared">
            <span className="compare-side" title={a.target}>
              <span className="compare-letter">A</span> <span className="compare-name">{a.name}</span> <ShortId value={a.id} label="image ID of A" />
            </span>
            <span className="compare-arrow" aria-label="to">→</span>
            {b ? (
              <span className="compare-side" title={b.target}>
                <span className="compare-letter">B</span> <span className="compare-name">{b.name}</span> <ShortId value={b.id} label="image ID of B" />
              </span>
            ) : (
              <span className="muted">choose an image below</span>
            )}
          </div>
        )}
        <div className="top-bar-spacer" />
        {a && b && (
          <div className="top-bar-actions">
            <button type="button" className="button" onClick={swapCompare} title="Compare B → A instead">
              <Icon name="compare" size={14} /> Swap
            </button>
            <button type="button" className="button" onClick={changeOther}>
              Change B…
            </button>
          </div>
        )}
      </header>
      <div className="page-body">
        <section className="content compare-body" aria-label="Comparison">
          {!a && <p className="compare-empty muted">Select two images on the Images page and choose Compare.</p>}
          {a && !b && <ComparePicker a={a} />}
          {a && b && error && (
            <div className="form-error compare-error" role="alert">
              {error}
            </div>
          )}
          {a && b && !diff && loading && (
            <p className="compare-empty muted" role="status">
              Reading both images' files… (the first time, each layer is indexed once)
            </p>
          )}
          {a && b && diff && (
            <>
              <div className="compare-summary" aria-label="Summary">
                <span className="summary-item">
                  <span className="diff-mark mark-A" aria-hidden="true">A</span> <strong className="num">{diff.summary.added.toLocaleString('en')}</strong> added
                </span>
                <span className="summary-item">
                  <span className="diff-mark mark-C" aria-hidden="true">C</span> <strong className="num">{diff.summary.changed.toLocaleString('en')}</strong> changed
                </span>
                <span className="summary-item">
                  <span className="diff-mark mark-D" aria-hidden="true">D</span> <strong className="num">{diff.summary.deleted.toLocaleString('en')}</strong> deleted
                </span>
                <span className="summary-item" title="Regular-file bytes of each image's merged filesystem (hard links counted once)">
                  Files <SizeText bytes={diff.a.size} /> → <SizeText bytes={diff.b.size} />{' '}
                  <strong className={`num ${deltaClass(diff.summary.delta)}`}>({signedSize(diff.summary.delta, humanSize)})</strong>
                </span>
                <span className="summary-item" title="Layers (diff IDs) both images start with: B built on A shares all of A's">
                  Layers: <strong className="num">{diff.sharedLayers}</strong> shared of {diff.a.layers} → {diff.b.layers}
                </span>
              </div>
              <div className="tabs" role="tablist" aria-label="Comparison views">
                <button type="button" role="tab" className="tab" aria-selected={tab === 'files'} onClick={() => setTab('files')}>
                  Files <span className="muted num">{diff.changes.length.toLocaleString('en')}</span>
                </button>
                <button type="button" role="tab" className="tab" aria-selected={tab === 'config'} onClick={() => setTab('config')}>
                  Config <span className="muted num">{diff.config.length}</span>
                </button>
              </div>
              <div role="tabpanel" className="compare-panel" aria-label={tab === 'files' ? 'Changed files' : 'Config differences'}>
                {tab === 'files' ? <DiffFiles key={`${diff.a.id} ${diff.b.id}`} diff={diff} a={a.target} b={b.target} /> : <ConfigDiff diff={diff} />}
              </div>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
