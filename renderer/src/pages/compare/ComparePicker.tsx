// "Compare with…": the other image, picked from the store's images (any but A), narrowed by a filter box. A store
// may hold 50,000 tags: the list shows the first matches and says how many more there are.
import { useMemo, useState } from 'react';
import { AgeText } from '../../components/AgeText';
import { SizeText } from '../../components/SizeText';
import { displayName, rowKey } from '../../state/rows';
import { useAppStore } from '../../state/store';
import { chooseOther, type CompareSide } from './compare-state';

const SHOWN = 200;

export function ComparePicker({ a }: { a: CompareSide }) {
  const images = useAppStore((state) => state.images);
  const [text, setText] = useState('');
  const matches = useMemo(() => {
    const words = text.trim().toLowerCase();
    return images.filter((image) => !(image.id === a.id && displayName(image) === a.name) && (!words || `${displayName(image)} ${image.id}`.toLowerCase().includes(words)));
  }, [images, text, a]);
  return (
    <div className="compare-picker">
      <h2 className="compare-picker-title">
        Compare <strong>{a.name}</strong> with…
      </h2>
      <input
        className="compare-picker-filter"
        type="search"
        aria-label="Filter images to compare with"
        placeholder="Name, tag or ID"
        value={text}
        autoFocus
        spellCheck={false}
        onChange={(event) => setText(event.target.value)}
      />
      <ul className="compare-picker-list" aria-label="Images to compare with">
        {matches.slice(0, SHOWN).map((image) => (
          <li key={rowKey(image)}>
            <button type="button" className="compare-picker-item" onClick={() => chooseOther(image)}>
              <span className="compare-picker-name">{displayName(image)}</span>
              <span className="mono muted small">{image.id.slice(7, 19)}</span>
              <span className="muted small">
                <AgeText iso={image.created} />
              </span>
              <span className="muted small">
                <SizeText bytes={image.size} />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {matches.length === 0 && <p className="muted">No other image matches.</p>}
      {matches.length > SHOWN && <p className="muted small">{(matches.length - SHOWN).toLocaleString('en')} more: type to narrow the list.</p>}
    </div>
  );
}
