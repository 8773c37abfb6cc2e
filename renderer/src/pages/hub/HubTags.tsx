// The open repository beside the results: its name, badges and description, then its tags newest first with a
// filter (by name or platform), each with platforms, size, age and Pull — or the pull's progress, or "Pulled".
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { HubSearchResult } from '../../../../shared/api';
import { Icon } from '../../components/Icon';
import { runningPulls } from '../../state/row-pulls';
import { useAppStore } from '../../state/store';
import { HubProblemView } from './HubProblemView';
import { HubTagRow } from './HubTagRow';
import { compactCount, filterTags, hubProblem, localReferences, newestFirst } from './hub-words';
import { useHubTags } from './useHubTags';

export function HubTags({ repository, onClose }: { repository: HubSearchResult; onClose(): void }) {
  const tags = useHubTags(repository.name);
  const [filter, setFilter] = useState('');
  const { images, tasks } = useAppStore(useShallow((state) => ({ images: state.images, tasks: state.tasks })));
  const local = useMemo(() => localReferences(images), [images]);
  const pulls = useMemo(() => runningPulls(tasks), [tasks]);
  const shown = useMemo(() => newestFirst(filterTags(tags.tags, filter)), [tags.tags, filter]);

  return (
    <section className="hub-tags" aria-label={`Tags of ${repository.name}`}>
      <header className="hub-tags-head">
        <button type="button" className="button button-small hub-tags-back" onClick={onClose}>
          ‹ All results
        </button>
        <div className="hub-tags-title">
          <h2>{repository.name}</h2>
          {repository.isOfficial && <span className="hub-badge hub-badge-official">Official</span>}
          {repository.isAutomated && <span className="hub-badge">Automated</span>}
          <button type="button" className="icon-button hub-tags-close" aria-label="Close tags" title="Close" onClick={onClose}>
            <Icon name="close" size={14} />
          </button>
        </div>
        {repository.description && <p className="hub-tags-description">{repository.description}</p>}
        <p className="hub-tags-meta muted">
          <span>
            <Icon name="star" size={12} /> {compactCount(repository.starCount)} stars
          </span>
          <span>
            <Icon name="pull" size={12} /> {compactCount(repository.pullCount)} pulls
          </span>
          {tags.count > 0 && <span>{tags.count.toLocaleString('en-US')} tags</span>}
        </p>
        <label className="search hub-tags-filter">
          <Icon name="search" size={13} />
          <input type="search" aria-label="Filter tags" placeholder="Filter tags by name or platform" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
      </header>
      <div className="hub-tags-body">
        {tags.error && tags.tags.length === 0 ? (
          <HubProblemView problem={{ ...hubProblem(tags.error), ...(hubProblem(tags.error).kind === 'error' ? { title: 'The tags could not be read' } : {}) }} onRetry={tags.retry} />
        ) : tags.loading && tags.tags.length === 0 ? (
          <div className="empty" aria-busy="true">
            <span className="hub-spinner" aria-hidden="true" />
            <p>Reading tags…</p>
          </div>
        ) : shown.length === 0 ? (
          <div className="empty">
            <h2>{filter ? `No tags match “${filter.trim()}”` : 'No tags'}</h2>
            {filter && tags.hasNext && <p>Only the tags loaded so far are filtered; load more to look further.</p>}
          </div>
        ) : (
          <ul className="hub-tag-list" aria-label="Tags">
            {shown.map((tag) => (
              <HubTagRow key={tag.name} repository={repository.name} tag={tag} local={local} pulls={pulls} />
            ))}
          </ul>
        )}
        {tags.hasNext && (
          <div className="hub-more">
            <button type="button" className="button button-small" onClick={tags.loadMore} disabled={tags.loading}>
              {tags.loading ? 'Loading…' : `Load more tags (${tags.tags.length} of ${tags.count.toLocaleString('en-US')})`}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
