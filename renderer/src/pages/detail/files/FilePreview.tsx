// A small text file's content, read-only: plain text in a <pre> (never parsed, never run, never HTML), with line
// numbers; a binary file or one over the limit says so instead. The preview is of the image as a whole: in a
// layer's view it says when a later layer replaced or removed what that layer wrote.
import { useEffect, useMemo, useState } from 'react';
import type { ImageFileEntry, ImageFilePreview } from '../../../../../shared/api';
import { toErrorPayload } from '../../../../../shared/errors';
import { binarySize } from '../../../../../shared/format';
import { getBridge } from '../../../bridge/index';
import { layerNumber } from './layer-label';

type Preview = { state: 'loading' } | { state: 'done'; preview: ImageFilePreview } | { state: 'error'; code: string; message: string };

/** Kinds whose bytes can be shown; the core follows a link to its file. */
export function hasContent(entry: ImageFileEntry): boolean {
  return entry.change !== 'D' && (entry.kind === 'file' || entry.kind === 'hardlink' || entry.kind === 'symlink');
}

export function FilePreview({ imageId, entry }: { imageId: string; entry: ImageFileEntry }) {
  const [preview, setPreview] = useState<Preview>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    setPreview({ state: 'loading' });
    getBridge()
      .previewImageFile(imageId, entry.path)
      .then((result) => {
        if (live) setPreview({ state: 'done', preview: result });
      })
      .catch((err: unknown) => {
        const payload = toErrorPayload(err);
        if (live) setPreview({ state: 'error', code: payload.code, message: payload.message });
      });
    return () => {
      live = false;
    };
  }, [imageId, entry.path]);

  if (preview.state === 'loading') return <p className="muted file-preview-note">Reading…</p>;
  if (preview.state === 'error') {
    if (preview.code === 'NOT_FOUND' && entry.change) return <p className="muted file-preview-note">A later layer removed this path: it is not in the image.</p>;
    return (
      <p className="file-error file-preview-note" role="alert">
        Could not read {entry.path}: {preview.message}
      </p>
    );
  }
  const { preview: result } = preview;
  const replaced = (
    <>
      {entry.change && result.entry.layer !== entry.layer && (
        <p className="muted small file-preview-note">Layer {layerNumber(result.entry.layer)} later replaced this file; shown as the image has it.</p>
      )}
      {result.resolved && result.text !== undefined && <p className="muted small file-preview-note">The link leads to {result.resolved}:</p>}
    </>
  );
  if (result.text !== undefined) {
    return (
      <>
        {replaced}
        <TextPreview text={result.text} />
      </>
    );
  }
  // A hard link's entry carries its target's size; a symlink's does not.
  const size = result.entry.kind === 'symlink' ? null : result.entry.size;
  const note =
    result.reason === 'binary' ? (size === null ? 'Binary file' : `Binary file — ${size.toLocaleString()} bytes`)
    : result.reason === 'too-large' ? `Too large to preview (limit ${binarySize(result.limit)})`
    : entry.kind === 'symlink' ? (result.resolved ? `Links to ${result.resolved}, which is not a regular file.` : 'The link leads nowhere inside the image.')
    : 'Nothing to preview.';
  return (
    <>
      {replaced}
      <p className="muted file-preview-note">{note}</p>
    </>
  );
}

function TextPreview({ text }: { text: string }) {
  const numbers = useMemo(() => {
    const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
    return Array.from({ length: Math.max(1, lines) }, (_, i) => i + 1).join('\n');
  }, [text]);
  if (text === '') return <p className="muted file-preview-note">Empty file.</p>;
  return (
    <div className="file-preview" tabIndex={0} role="region" aria-label="File preview">
      <pre className="file-preview-lines" aria-hidden="true">
        {numbers}
      </pre>
      <pre className="file-preview-text">{text}</pre>
    </div>
  );
}
