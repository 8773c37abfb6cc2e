// When the page cannot talk to Berth at all, say why and what to do, instead of an empty window.
import type { ErrorPayload } from '../../../shared/api';
import { Icon } from '../components/Icon';

export function FatalPage({ error }: { error: ErrorPayload }) {
  const unauthorized = error.code === 'UNAUTHORIZED';
  return (
    <main className="fatal" role="alert" aria-labelledby="fatal-title">
      <div className="fatal-card">
        <Icon name="alert" size={32} />
        <h1 id="fatal-title">{unauthorized ? 'This page has no access to Berth' : 'Berth cannot be reached'}</h1>
        <p className="fatal-message">{error.message}</p>
        {unauthorized && (
          <p>
            <code>berth serve</code> printed a URL that ends in <code>?token=…</code> when it started. Open exactly that URL; a
            page without the token, or from another site, is refused.
          </p>
        )}
        <p className="fatal-code mono">{error.code}</p>
      </div>
    </main>
  );
}
