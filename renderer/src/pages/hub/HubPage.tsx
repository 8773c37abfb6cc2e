// Docker Hub, visually: search as you type with filters for official, automated and minimum stars; result cards;
// a repository opened beside the results lists its tags with platforms, sizes and ages, and pulls one (the same
// pull as the Pull dialog's, with its progress here and in Images). Talks to `indexUrl`/`hubUrl` from settings.
import { useMemo, useState } from 'react';
import type { HubSearchResult } from '../../../../shared/api';
import { Icon } from '../../components/Icon';
import { HubFilters } from './HubFilters';
import { HubResults } from './HubResults';
import { HubTags } from './HubTags';
import { searchFilters, type HubFilterState } from './hub-words';
import { useHubSearch } from './useHubSearch';
import './hub.css';

export function HubPage() {
  const [term, setTerm] = useState('');
  const [filters, setFilters] = useState<HubFilterState>({ official: false, automated: false, minStars: 0 });
  const dockerFilters = useMemo(() => searchFilters(filters), [filters]);
  const search = useHubSearch(term, dockerFilters);
  const [open, setOpen] = useState<HubSearchResult | null>(null);

  return (
    <div className="page hub-page">
      <header className="top-bar hub-top-bar">
        <h1 className="page-title">Docker Hub</h1>
        <label className="search hub-search">
          <Icon name="search" size={14} />
          <input
            type="search"
            aria-label="Search Docker Hub"
            placeholder="Search Docker Hub (nginx, postgres, bitnami/redis…)"
            value={term}
            autoFocus
            spellCheck={false}
            onChange={(event) => setTerm(event.target.value)}
          />
        </label>
        <HubFilters value={filters} onChange={setFilters} />
      </header>
      <div className={`page-body hub-body${open ? ' hub-body-open' : ''}`}>
        <HubResults search={search} term={term} filtered={dockerFilters.length > 0} selected={open?.name ?? null} onOpen={setOpen} onClearFilters={() => setFilters({ official: false, automated: false, minStars: 0 })} />
        {open && <HubTags key={open.name} repository={open} onClose={() => setOpen(null)} />}
      </div>
    </div>
  );
}
