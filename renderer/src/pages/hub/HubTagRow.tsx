// One tag: name, age, size (linux/amd64's when built for it), platforms, and its action — Pull, the running pull's
// progress with Cancel, or "Pulled" when the store already holds this tag.
import { useState } from 'react';
import type { HubTag } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { shortId } from '../../../../shared/format';
import { AgeText } from '../../components/AgeText';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/ProgressBar';
import { SizeText } from '../../components/SizeText';
import type { RowPull } from '../../state/row-pulls';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { startPull } from '../pull/start-pull';
import { fullReference, platformLabel, pullName, tagSize } from './hub-words';

const SHOWN_PLATFORMS = 4;

interface Props {
  repository: string;
  tag: HubTag;
  local: ReadonlySet<string>;
  pulls: ReadonlyMap<string, RowPull>;
}

export function HubTagRow({ repository, tag, local, pulls }: Props) {
  const name = pullName(repository, tag.name);
  const reference = fullReference(name);
  const pull = reference ? pulls.get(reference) : undefined;
  const pulled = reference !== null && local.has(reference);
  const offline = useActionsDisabled();
  const pushToast = useAppStore((state) => state.pushToast);
  const cancelTask = useAppStore((state) => state.cancelTask);
  const [starting, setStarting] = useState(false);
  const platforms = tag.images.map(platformLabel);

  async function pullTag() {
    setStarting(true);
    try {
      await startPull(name);
    } catch (err) {
      pushToast({ tone: 'error', message: `Could not pull ${name}`, detail: toErrorPayload(err).message });
    } finally {
      setStarting(false);
    }
  }

  return (
    <li className="hub-tag" aria-label={tag.name}>
      <div className="hub-tag-main">
        <span className="hub-tag-name">{tag.name}</span>
        <span className="hub-tag-facts muted">
          {tag.lastUpdated ? <AgeText iso={tag.lastUpdated} /> : <span>never pushed</span>}
          <span aria-hidden="true">·</span>
          <SizeText bytes={tagSize(tag)} />
          {tag.digest && (
            <>
              <span aria-hidden="true">·</span>
              <span className="hub-tag-digest" title={tag.digest}>
                {shortId(tag.digest)}
              </span>
            </>
          )}
        </span>
        <span className="hub-platforms" aria-label={`Platforms: ${platforms.join(', ') || 'unknown'}`}>
          {platforms.slice(0, SHOWN_PLATFORMS).map((p) => (
            <span key={p} className="hub-platform">
              {p}
            </span>
          ))}
          {platforms.length > SHOWN_PLATFORMS && (
            <span className="hub-platform hub-platform-more" title={platforms.slice(SHOWN_PLATFORMS).join(', ')}>
              +{platforms.length - SHOWN_PLATFORMS}
            </span>
          )}
        </span>
      </div>
      <div className="hub-tag-action">
        {pull ? (
          <div className="hub-tag-pulling">
            <ProgressBar progress={pull.progress} label={`Pulling ${name}`} />
            <span className="hub-tag-percent">{pull.progress.total ? `${Math.min(100, Math.floor((pull.progress.current / pull.progress.total) * 100))}%` : '…'}</span>
            <button type="button" className="icon-button" aria-label={`Cancel the pull of ${name}`} title="Cancel the pull" onClick={() => void cancelTask(pull.taskId)}>
              <Icon name="close" size={12} />
            </button>
          </div>
        ) : (
          <>
            {pulled && (
              <span className="hub-pulled" title={`${name} is in Images`}>
                <Icon name="check" size={12} /> Pulled
              </span>
            )}
            <button type="button" className={`button button-small${pulled ? '' : ' button-primary'}`} aria-label={`${pulled ? 'Pull again' : 'Pull'} ${name}`} disabled={offline || starting || !reference} onClick={() => void pullTag()}>
              <Icon name="pull" size={13} />
              {pulled ? 'Pull again' : 'Pull'}
            </button>
          </>
        )}
      </div>
    </li>
  );
}
