// The persistent banner while the page cannot reach Berth: actions are disabled and ages stop until it is back.
import { getBridge } from '../bridge/index';
import { Icon } from '../components/Icon';
import { useNow } from '../components/useNow';
import { useAppStore } from '../state/store';

/** How long the banner waits before suggesting the address may have changed. */
const STILL_AWAY_MS = 10_000;

export function ConnectionBanner() {
  const connection = useAppStore((state) => state.connection);
  const lostAt = useAppStore((state) => state.connectionLostAt);
  const now = useNow();
  if (connection !== 'lost') return null;
  // The page can only knock on the address it came from: a berth serve restarted on another port (`--port 0`
  // picks a new one) is only found through the address that serve prints.
  const longGone = lostAt !== null && now - lostAt >= STILL_AWAY_MS;
  const who = getBridge().shell === 'web' ? 'berth serve' : 'Berth';
  const since = lostAt === null ? '' : ` at ${new Date(lostAt).toLocaleTimeString()}`;
  return (
    <div className="connection-banner" role="alert" aria-label="Connection lost">
      <Icon name="alert" size={16} />
      <span className="connection-banner-text">
        {who === 'berth serve' ? (
          <>
            <strong>Lost the connection to berth serve{since}.</strong> Reconnecting…
          </>
        ) : (
          <>
            <strong>Berth stopped answering{since}.</strong> Waiting for it…
          </>
        )}{' '}
        Actions that change the store are disabled and what you see may be out of date until it is back.
        {who === 'berth serve' && longGone && (
          <> If berth serve was started again on another port, open the address it printed.</>
        )}
      </span>
    </div>
  );
}
