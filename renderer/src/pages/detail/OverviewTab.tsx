// Who the image is: names, digests, platform, dates and size.
import type { ImageDetail } from '../../../../shared/api';
import { AgeText } from '../../components/AgeText';
import { Breakable } from '../../components/Breakable';
import { ShortId } from '../../components/ShortId';
import { SizeText } from '../../components/SizeText';
import { Field, Fields } from './Fields';

export function OverviewTab({ detail }: { detail: ImageDetail }) {
  const { inspect } = detail;
  const platform = [inspect.Os, inspect.Architecture, inspect.Variant].filter(Boolean).join('/');
  const layers = detail.layers.filter((layer) => !layer.emptyLayer).length;
  return (
    <Fields>
      <Field label="Tags">
        {inspect.RepoTags.length ? (
          <ul className="plain-list">
            {inspect.RepoTags.map((tag) => (
              <li key={tag} className="mono">
                <Breakable text={tag} />
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">none (dangling)</span>
        )}
      </Field>
      <Field label="Image ID">
        <ShortId value={inspect.Id} label="image ID" />
      </Field>
      <Field label="Manifest">
        <ShortId value={detail.manifestDigest} label="manifest digest" />{' '}
        <span className="muted small">
          <Breakable text={detail.manifestMediaType} />
        </span>
      </Field>
      <Field label="Repo digests">
        {inspect.RepoDigests.length ? (
          <ul className="plain-list">
            {inspect.RepoDigests.map((digest) => (
              <li key={digest} className="mono" title={digest}>
                <Breakable text={digest} />
              </li>
            ))}
          </ul>
        ) : null}
      </Field>
      <Field label="Platform">
        <span className="mono">{platform}</span>
      </Field>
      {/* Relative like the table's Created column; the exact local and ISO time are on hover. */}
      <Field label="Created">{inspect.Created && <AgeText iso={inspect.Created} />}</Field>
      <Field label="Author">{inspect.Author}</Field>
      <Field label="Comment">{inspect.Comment}</Field>
      <Field label="Size">
        <SizeText bytes={inspect.Size} /> <span className="muted small">in {layers} {layers === 1 ? 'layer' : 'layers'}, files unpacked</span>
      </Field>
      <Field label="On disk">
        <SizeText bytes={detail.diskSize} /> <span className="muted small">the layers as stored</span>
      </Field>
    </Fields>
  );
}
