// "Registry": whether the image's tag still names what the registry has (Update available, with Pull to update),
// and the repository's tags in the registry (`berth tags`), each with Pull and marked when the store has it.
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ErrorPayload, ImageSummary } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { runningPulls } from '../../state/row-pulls';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { updateMark } from '../../state/updates-slice';
import { startPull } from '../pull/start-pull';
import { FILTER_FROM, tagLines } from './registry-tags';

type Tags = { state: 'loading' } | { state: 'error'; error: ErrorPayload } | { state: 'done'; tags: string[] };

function pull(reference: string): void {
  startPull(reference).catch((err: unknown) => {
    useAppStore.getState().pushToast({ tone: 'error', message: `Could not pull ${reference}`, detail: toErrorPayload(err).message });
  });
}

function UpdateStatus({ image }: { image: ImageSummary }) {
  const { check, checking, checkUpdates } = useAppStore(
    useShallow((state) => ({ check: image.reference ? state.updates[image.reference] : undefined, checking: state.checkingUpdates, checkUpdates: state.checkUpdates })),
  );
  const offline = useActionsDisabled();
  const mark = updateMark(image, check);
  const name = `${image.repository}:${image.tag}`;
  const again = (
    <button type="button" className="button button-small" disabled={checking || offline} onClick={() => image.reference && void checkUpdates({ references: [image.reference] })}>
      {checking ? 'Checking…' : 'Check now'}
    </button>
  );
  if (mark === 'update-available') {
    return (
      <div className="registry-status update" role="status">
        <p>
          <strong>Update available.</strong> <span className="mono">{name}</span> in the registry now names another image
          {check?.remoteDigest && <span className="mono small"> ({check.remoteDigest.slice(0, 19)}…)</span>}.
        </p>
        <div className="registry-status-actions">
          <button type="button" className="button button-primary button-small" disabled={offline} onClick={() => pull(name)}>
            <Icon name="pull" size={14} /> Pull to update
          </button>
          {again}
        </div>
      </div>
    );
  }
  const said = mark === 'error' ? `Could not check: ${check?.error ?? ''}` : check ? 'Up to date with the registry.' : 'Not checked yet.';
  return (
    <div className={`registry-status${mark === 'error' ? ' unknown' : ''}`}>
      <p title={check ? `Checked ${new Date(check.checkedAt).toLocaleString()}` : undefined}>{said}</p>
      {again}
    </div>
  );
}

/** A tag the store has: plainly, or as outdated when the last check found the registry's tag moved on. */
function LocalMark({ outdated }: { outdated: boolean }) {
  return outdated ? (
    <span className="registry-local outdated" title="In your store, but the registry's tag now names another image">
      local, outdated
    </span>
  ) : (
    <span className="registry-local" title="This tag is in your store">
      <Icon name="check" size={12} /> local
    </span>
  );
}

export function RegistryTab({ image }: { image: ImageSummary }) {
  const { images, tasks, updates } = useAppStore(useShallow((state) => ({ images: state.images, tasks: state.tasks, updates: state.updates })));
  const offline = useActionsDisabled();
  const [tags, setTags] = useState<Tags>({ state: 'loading' });
  const [filter, setFilter] = useState('');
  const [attempt, setAttempt] = useState(0);
  const repository = image.repository;

  useEffect(() => {
    let live = true;
    setTags({ state: 'loading' });
    getBridge()
      .remoteTags(repository)
      .then((list) => live && setTags({ state: 'done', tags: list }))
      .catch((err: unknown) => live && setTags({ state: 'error', error: toErrorPayload(err) }));
    return () => {
      live = false;
    };
  }, [repository, attempt]);

  const local = useMemo(() => new Map(images.filter((i) => i.repository === repository && i.reference).map((i) => [i.tag, i])), [images, repository]);
  const localTags = useMemo(() => new Set(local.keys()), [local]);
  const pulls = useMemo(() => runningPulls(tasks), [tasks]);
  const byName = useMemo(() => new Map([...pulls.values()].map((p) => [p.name, p])), [pulls]);

  let body;
  if (tags.state === 'loading') body = <p className="muted">Loading the tags…</p>;
  else if (tags.state === 'error') {
    body = (
      <div className="registry-tags-error" role="alert">
        <p>Could not list the tags: {tags.error.message}</p>
        <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
          Retry
        </button>
      </div>
    );
  } else if (tags.tags.length === 0) body = <p className="muted">The registry lists no tags for this repository.</p>;
  else {
    const lines = tagLines(repository, tags.tags, localTags, filter);
    body = (
      <>
        {tags.tags.length >= FILTER_FROM && (
          <input type="search" className="registry-tags-filter" placeholder={`Filter ${tags.tags.length} tags`} aria-label="Filter tags" value={filter} onChange={(event) => setFilter(event.target.value)} />
        )}
        {lines.length === 0 ? (
          <p className="muted">No tag matches “{filter}”.</p>
        ) : (
          <ul className="registry-tags" aria-label="Tags in registry">
            {lines.map((line) => {
              const running = byName.get(line.reference);
              return (
                <li key={line.tag} className="registry-tag">
                  <span className="mono registry-tag-name" title={line.reference}>
                    {line.tag}
                  </span>
                  {line.local && <LocalMark outdated={updateMark(local.get(line.tag)!, updates[local.get(line.tag)!.reference!]) === 'update-available'} />}
                  {running ? (
                    <ProgressBar progress={running.progress} label={`Pulling ${line.reference}`} />
                  ) : (
                    <button type="button" className="button button-small" disabled={offline} aria-label={`Pull ${line.reference}`} onClick={() => pull(line.reference)}>
                      <Icon name="pull" size={12} /> Pull
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </>
    );
  }

  return (
    <div className="registry-tab">
      <UpdateStatus image={image} />
      <h3 className="registry-heading">
        Tags in registry <span className="muted small mono">{repository}</span>
      </h3>
      {body}
    </div>
  );
}
