// The registries with a login, read when the page opens and after each login or logout; and the last
// connection test of each.
import { useCallback, useEffect, useState } from 'react';
import type { RegistryLogin, RegistryTest } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';

export type TestState = { kind: 'testing' } | { kind: 'done'; result: RegistryTest } | { kind: 'failed'; message: string };

export function useRegistries() {
  const [logins, setLogins] = useState<RegistryLogin[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, TestState>>({});

  const reload = useCallback(async () => {
    try {
      setLogins(await getBridge().listRegistries());
      setError(null);
    } catch (err) {
      setError(toErrorPayload(err).message);
    }
  }, []);

  useEffect(() => {
    // The first listing, then each time the window comes back (a `berth login` or `docker login` meanwhile).
    void reload();
    const again = () => {
      if (document.visibilityState === 'visible') void reload();
    };
    document.addEventListener('visibilitychange', again);
    return () => document.removeEventListener('visibilitychange', again);
  }, [reload]);

  async function test(registry: string): Promise<void> {
    setTests((all) => ({ ...all, [registry]: { kind: 'testing' } }));
    let next: TestState;
    try {
      next = { kind: 'done', result: await getBridge().testRegistry(registry) };
    } catch (err) {
      next = { kind: 'failed', message: toErrorPayload(err).message };
    }
    setTests((all) => ({ ...all, [registry]: next }));
  }

  function forgetTest(registry: string): void {
    setTests((all) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== registry)));
  }

  return { logins, error, tests, reload, test, forgetTest };
}
