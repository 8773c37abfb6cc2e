// The diff of the page's two images, asked for again when either changes or the store does (an image retagged or
// removed); only the newest request's answer is kept.
import { useEffect, useState } from 'react';
import type { ImageDiff } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';

export interface ImageDiffState {
  diff: ImageDiff | null;
  error: string | null;
  loading: boolean;
}

export function useImageDiff(a: string | null, b: string | null): ImageDiffState {
  const [state, setState] = useState<ImageDiffState>({ diff: null, error: null, loading: false });
  useEffect(() => {
    if (!a || !b) {
      setState({ diff: null, error: null, loading: false });
      return;
    }
    let current = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    getBridge().diffImages(a, b).then(
      (diff) => current && setState({ diff, error: null, loading: false }),
      (err: unknown) => current && setState({ diff: null, error: toErrorPayload(err).message, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [a, b]);
  return state;
}
