// The search's filters: docker's is-official, is-automated and stars, as two toggles and a menu.
import type { HubFilterState } from './hub-words';

const STAR_STEPS = [0, 10, 100, 1000, 10000];

export function HubFilters({ value, onChange }: { value: HubFilterState; onChange(next: HubFilterState): void }) {
  return (
    <div className="hub-filters" role="group" aria-label="Filters">
      <label className="hub-toggle">
        <input type="checkbox" checked={value.official} onChange={(e) => onChange({ ...value, official: e.target.checked })} />
        Official
      </label>
      <label className="hub-toggle">
        <input type="checkbox" checked={value.automated} onChange={(e) => onChange({ ...value, automated: e.target.checked })} />
        Automated
      </label>
      <label className="hub-stars">
        <span>Stars</span>
        <select aria-label="Minimum stars" value={value.minStars} onChange={(e) => onChange({ ...value, minStars: Number(e.target.value) })}>
          {STAR_STEPS.map((n) => (
            <option key={n} value={n}>
              {n === 0 ? 'Any' : `${n.toLocaleString('en-US')}+`}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
