// The engine as the Engine page shows it: whether it answers, then its containers and images; read again on
// Refresh and whenever a task that changes either side (commit, copy, send) ends.
import { useCallback, useEffect, useState } from 'react';
import type { EngineContainer, EngineImage, EngineInfo } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { useAppStore } from '../../state/store';

export interface EngineView {
  info: EngineInfo | null;
  containers: EngineContainer[];
  images: EngineImage[];
  error: string | null;
  loading: boolean;
  reload(): Promise<void>;
}

const ENGINE_KINDS = new Set(['commit', 'copy-to-berth', 'send-to-engine']);

export function useEngine(): EngineView {
  const [info, setInfo] = useState<EngineInfo | null>(null);
  const [containers, setContainers] = useState<EngineContainer[]>([]);
  const [images, setImages] = useState<EngineImage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const ended = useAppStore((state) => state.tasks.filter((task) => ENGINE_KINDS.has(task.kind) && task.state === 'done').length);

  const reload = useCallback(async () => {
    setLoading(true);
    const bridge = getBridge();
    try {
      const found = await bridge.engineInfo();
      setInfo(found);
      if (found.reachable) {
        const [listed, pictures] = await Promise.all([bridge.listEngineContainers(), bridge.listEngineImages()]);
        setContainers(listed);
        setImages(pictures);
      } else {
        setContainers([]);
        setImages([]);
      }
      setError(null);
    } catch (err) {
      setError(toErrorPayload(err).message);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload, ended]);

  return { info, containers, images, error, loading, reload };
}
