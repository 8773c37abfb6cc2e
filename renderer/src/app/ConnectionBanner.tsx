// The persistent banner while the page cannot reach Berth: actions are disabled and ages stop until it is back.
import { getBridge } from '../bridge/index';
import { Icon } from '../components/Icon';
import { useAppStore } from '../state/store';

export function ConnectionBanner() {
  const connection = useAppStore((state) => state.connection);
  const lostAt = useAppStore((state) => state.connectionLostAt);
  if (connection !== 'lost') return null;
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
      </span>
    </div>
  );
}
