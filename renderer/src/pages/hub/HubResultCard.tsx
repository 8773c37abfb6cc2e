// One repository found: name with the official badge, stars and pulls, the short description.
import type { HubSearchResult } from '../../../../shared/api';
import { Icon } from '../../components/Icon';
import { compactCount } from './hub-words';

export function HubResultCard({ result, selected, onOpen }: { result: HubSearchResult; selected: boolean; onOpen(): void }) {
  return (
    <button type="button" className="hub-card" aria-current={selected ? 'true' : undefined} aria-label={`${result.name}${result.isOfficial ? ', official image' : ''}`} onClick={onOpen}>
      <span className="hub-card-head">
        <span className="hub-card-name">{result.name}</span>
        {result.isOfficial && <span className="hub-badge hub-badge-official">Official</span>}
        {result.isAutomated && <span className="hub-badge">Automated</span>}
        <span className="hub-card-counts">
          <span title={`${result.starCount.toLocaleString('en-US')} stars`}>
            <Icon name="star" size={12} /> {compactCount(result.starCount)}
          </span>
          <span title={`${result.pullCount.toLocaleString('en-US')} pulls`}>
            <Icon name="pull" size={12} /> {compactCount(result.pullCount)}
          </span>
        </span>
      </span>
      <span className={`hub-card-description${result.description ? '' : ' muted'}`}>{result.description || 'No description'}</span>
    </button>
  );
}
