// "Packages": the OS the image says it is and the packages its package databases list (dpkg, apk, rpm), read by the
// service from the image's own layers — offline, nothing is run. The list is virtual (a Fedora or Ubuntu desktop
// image has thousands of packages); the answer is kept per image ID, which names the content, so coming back to the
// tab is instant. Loaded on first use, like the JSON tab.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ErrorPayload, PackageReport } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { getBridge } from '../../bridge/index';
import { Icon } from '../../components/Icon';
import { databaseLabel, filterPackages, sourceText } from './package-filter';
import './packages.css';

const ROW_HEIGHT = 28;
const KEPT_REPORTS = 16;
const reports = new Map<string, PackageReport>();

function remember(imageId: string, report: PackageReport): void {
  reports.delete(imageId);
  reports.set(imageId, report);
  if (reports.size > KEPT_REPORTS) reports.delete(reports.keys().next().value!);
}

type Load = { state: 'loading' } | { state: 'error'; error: ErrorPayload } | { state: 'done'; report: PackageReport };

export default function PackagesTab({ reference, imageId }: { reference: string; imageId: string }) {
  const [load, setLoad] = useState<Load>(() => {
    const known = reports.get(imageId);
    return known ? { state: 'done', report: known } : { state: 'loading' };
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (reports.has(imageId) && attempt === 0) return;
    let live = true;
    setLoad({ state: 'loading' });
    getBridge()
      .imagePackages(reference)
      .then((report) => {
        remember(imageId, report);
        if (live) setLoad({ state: 'done', report });
      })
      .catch((err: unknown) => live && setLoad({ state: 'error', error: toErrorPayload(err) }));
    return () => {
      live = false;
    };
  }, [reference, imageId, attempt]);

  if (load.state === 'loading') {
    return (
      <div className="packages-state" aria-busy="true" role="status">
        <span className="packages-spinner" aria-hidden="true" />
        <p>Reading the package databases…</p>
        <p className="muted small">The first look at an image indexes its layers, which takes a moment for a large one.</p>
      </div>
    );
  }
  if (load.state === 'error') {
    return (
      <div className="packages-state packages-error" role="alert">
        <p>Could not read the packages: {load.error.message}</p>
        <button type="button" className="button button-small" onClick={() => setAttempt((n) => n + 1)}>
          Retry
        </button>
      </div>
    );
  }
  return <PackagesView report={load.report} />;
}

function PackagesView({ report }: { report: PackageReport }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterPackages(report.packages, query), [report.packages, query]);
  const unreadable = report.managers.filter((m) => m.problem);
  return (
    <div className="packages-tab">
      <div className="packages-os">
        <span className="packages-label">OS</span>
        {report.os ? (
          <span>
            <strong>{report.os.prettyName}</strong>
            <span className="muted small mono"> {[report.os.id, report.os.versionId].filter(Boolean).join(' ')}</span>
          </span>
        ) : (
          <span className="muted">No os-release in this image</span>
        )}
      </div>
      {report.managers.length > 0 && (
        <ul className="packages-managers" aria-label="Package databases">
          {report.managers.map((m) => (
            <li key={m.path} className={m.readable ? 'packages-manager' : 'packages-manager unreadable'} title={m.path}>
              {databaseLabel(m)}
            </li>
          ))}
        </ul>
      )}
      {unreadable.map((m) => (
        <p key={m.path} className="packages-problem" role="note">
          <span className="mono">{m.path}</span>: {m.problem}
        </p>
      ))}
      {report.managers.length === 0 ? (
        <div className="packages-state packages-empty">
          <Icon name="box" size={32} />
          <p>No package database found — distroless or scratch images may have none.</p>
          <p className="muted small">Berth looks for dpkg (var/lib/dpkg), apk (lib/apk/db) and rpm (var/lib/rpm, usr/lib/sysimage/rpm).</p>
        </div>
      ) : report.packages.length > 0 ? (
        <>
          <input
            type="search"
            className="packages-filter"
            placeholder={`Filter ${report.packages.length.toLocaleString('en')} packages`}
            aria-label="Filter packages"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
          {shown.length === 0 ? <p className="muted">No package matches “{query}”.</p> : <PackageTable packages={shown} total={report.packages.length} />}
        </>
      ) : null}
    </div>
  );
}

function PackageTable({ packages, total }: { packages: ReturnType<typeof filterPackages>; total: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: packages.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  return (
    <>
      {packages.length !== total && (
        <p className="muted small packages-count" role="status">
          {packages.length.toLocaleString('en')} of {total.toLocaleString('en')}
        </p>
      )}
      <div className="packages-scroll" ref={scroller} tabIndex={0} role="table" aria-label="Packages" aria-rowcount={packages.length + 1}>
        <div className="packages-row packages-head" role="row" aria-rowindex={1}>
          <span role="columnheader">Name</span>
          <span role="columnheader">Version</span>
          <span role="columnheader" className="packages-arch">
            Arch
          </span>
          <span role="columnheader" className="packages-source">
            Source
          </span>
        </div>
        <div className="packages-rows" role="rowgroup" style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const pkg = packages[item.index]!;
            const source = sourceText(pkg);
            return (
              <div key={item.key} className="packages-row" role="row" aria-rowindex={item.index + 2} style={{ transform: `translateY(${item.start}px)` }}>
                <span role="cell" className="mono" title={pkg.name}>
                  {pkg.name}
                </span>
                <span role="cell" className="mono" title={pkg.version}>
                  {pkg.version}
                </span>
                <span role="cell" className="mono packages-arch">
                  {pkg.architecture}
                </span>
                <span role="cell" className="mono packages-source muted" title={source || undefined}>
                  {source}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
