// Offline, rate limited, or another failure: what happened in a sentence, the core's exact words below, and Retry.
import { Icon } from '../../components/Icon';
import type { HubProblem } from './hub-words';

export function HubProblemView({ problem, onRetry }: { problem: HubProblem; onRetry(): void }) {
  const advice =
    problem.kind === 'offline'
      ? 'Check the network connection (or the Hub addresses in Settings), then try again.'
      : problem.kind === 'rate-limited'
        ? 'Anonymous searches are limited per hour. Wait a little, or log in to Docker Hub on the Registries page.'
        : null;
  return (
    <div className={`empty hub-problem hub-problem-${problem.kind}`} role="alert">
      <Icon name="alert" size={36} />
      <h2>{problem.title}</h2>
      {advice && <p>{advice}</p>}
      <p className="empty-hint hub-problem-detail">{problem.message}</p>
      <div className="empty-actions">
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
