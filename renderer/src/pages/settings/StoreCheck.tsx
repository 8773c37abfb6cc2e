// `berth fsck` from the Settings page.
import { useState } from 'react';
import type { FsckReport } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';

export function StoreCheck() {
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<FsckReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function check() {
    setBusy(true);
    setError(null);
    try {
      setReport(await getBridge().fsck());
    } catch (err) {
      setError(toErrorPayload(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="store-check">
      <button type="button" className="button" onClick={() => void check()} disabled={busy}>
        {busy ? 'Checking…' : 'Check the store'}
      </button>
      {report && (
        <div role="status" className={report.ok ? 'check-ok' : 'check-problems'}>
          {report.ok ? `All ${report.checkedBlobs} blobs check out.` : `${report.problems.length} problems in ${report.checkedBlobs} blobs:`}
          {!report.ok && (
            <ul className="plain-list">
              {report.problems.map((problem, index) => (
                <li key={index} className="mono small">
                  {problem.kind} {problem.subject}: {problem.detail}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}
