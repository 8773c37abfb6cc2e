// Settings › Registries: the registry keys of settings.json, which the CLI and `berth serve` read too. Edited as
// a draft and saved together; each field is checked as typed with the rules the core applies when it saves
// (shared/registry-settings.ts), and an error the core still returns is shown under the field it names.
import { useEffect, useState, type FormEvent } from 'react';
import type { BerthSettings } from '../../../../shared/api';
import { toErrorPayload } from '../../../../shared/errors';
import { insecureRegistryProblem, mirrorProblem, PARALLEL_DOWNLOADS, parallelDownloadsProblem, platformProblem } from '../../../../shared/registry-settings';
import { getBridge } from '../../bridge/index';
import { useActionsDisabled, useAppStore } from '../../state/store';
import { ListEditor } from './ListEditor';

type Draft = Pick<BerthSettings, 'registryMirrors' | 'insecureRegistries' | 'platform'> & { parallelDownloads: string };
type Field = keyof Draft;

const FIELD_LABELS: Record<Field, string> = {
  registryMirrors: 'Registry mirrors',
  insecureRegistries: 'Insecure registries',
  platform: 'Default platform',
  parallelDownloads: 'Parallel downloads',
};

function draftOf(settings: BerthSettings): Draft {
  return {
    registryMirrors: settings.registryMirrors,
    insecureRegistries: settings.insecureRegistries,
    platform: settings.platform,
    parallelDownloads: String(settings.parallelDownloads),
  };
}

function problems(draft: Draft): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const mirror = draft.registryMirrors.map(mirrorProblem).find(Boolean);
  if (mirror) out.registryMirrors = mirror;
  const insecure = draft.insecureRegistries.map(insecureRegistryProblem).find(Boolean);
  if (insecure) out.insecureRegistries = insecure;
  const platform = platformProblem(draft.platform);
  if (platform) out.platform = platform;
  const parallel = parallelDownloadsProblem(Number(draft.parallelDownloads.trim() === '' ? NaN : draft.parallelDownloads));
  if (parallel) out.parallelDownloads = `Parallel downloads ${parallel}`;
  return out;
}

/** The field an error from the core names (`settings …: "platform" must be …`), if any. */
function fieldOf(message: string): Field | null {
  const match = /"(registryMirrors|insecureRegistries|platform|parallelDownloads)"/.exec(message);
  return match ? (match[1] as Field) : null;
}

export function RegistrySettings() {
  const offline = useActionsDisabled();
  const hostPlatform = useAppStore((state) => state.info?.platform);
  const [saved, setSaved] = useState<Draft | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true; at: Date } | { ok: false; field: Field | null; message: string } | null>(null);

  useEffect(() => {
    getBridge()
      .getSettings()
      .then((settings) => {
        setSaved(draftOf(settings));
        setDraft(draftOf(settings));
      })
      .catch((err: unknown) => setLoadError(toErrorPayload(err).message));
  }, []);

  if (loadError) return <p className="form-error" role="alert">Could not read the settings: {loadError}</p>;
  if (!draft || !saved) return <p className="muted">Loading…</p>;

  const found = problems(draft);
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const change = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setOutcome(null);
  };
  const serverProblem = (field: Field) => (outcome && !outcome.ok && outcome.field === field ? outcome.message : null);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft || Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      // Only what was changed here: a key edited in the file meanwhile (by hand, by another window) is left as it is.
      const patch: Partial<BerthSettings> = {};
      const differs = (field: Field) => JSON.stringify(draft[field]) !== JSON.stringify(saved?.[field]);
      if (differs('registryMirrors')) patch.registryMirrors = draft.registryMirrors.map((m) => m.trim());
      if (differs('insecureRegistries')) patch.insecureRegistries = draft.insecureRegistries.map((r) => r.trim());
      if (differs('platform')) patch.platform = draft.platform.trim();
      if (differs('parallelDownloads')) patch.parallelDownloads = Number(draft.parallelDownloads);
      const written = await getBridge().updateSettings(patch);
      setSaved(draftOf(written));
      setDraft(draftOf(written));
      setOutcome({ ok: true, at: new Date() });
    } catch (err) {
      const { message } = toErrorPayload(err);
      setOutcome({ ok: false, field: fieldOf(message), message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="registry-settings fields" onSubmit={(event) => void save(event)} aria-label="Registry settings">
      <fieldset className="field">
        <legend className="field-label">{FIELD_LABELS.registryMirrors}</legend>
        <p className="muted small">
          Pulls from Docker Hub (<code>docker.io</code>) try these first, in this order, then Docker Hub itself, as dockerd's{' '}
          <code>registry-mirrors</code> do. A mirror that is down, or lacks the image, is passed over. Other registries are never mirrored.
        </p>
        <ListEditor
          noun="mirror"
          label={FIELD_LABELS.registryMirrors}
          items={draft.registryMirrors}
          placeholder="https://mirror.example.com"
          problem={mirrorProblem}
          ordered
          onChange={(registryMirrors) => change({ registryMirrors })}
        />
        {serverProblem('registryMirrors') && <p className="field-problem" role="alert">{serverProblem('registryMirrors')}</p>}
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">{FIELD_LABELS.insecureRegistries}</legend>
        <p className="muted small">
          Registries (<code>host:port</code>, a host name for every port, or a CIDR such as <code>10.0.0.0/8</code>) that Berth may reach over
          plain HTTP, or over HTTPS without checking the certificate. Anyone on the network path can then read or change what is pulled: list
          only registries you trust on a network you trust. Loopback (<code>127.0.0.1</code>, <code>localhost</code>) always is.
        </p>
        <ListEditor
          noun="registry"
          label={FIELD_LABELS.insecureRegistries}
          items={draft.insecureRegistries}
          placeholder="registry.lan:5000"
          problem={insecureRegistryProblem}
          onChange={(insecureRegistries) => change({ insecureRegistries })}
        />
        {serverProblem('insecureRegistries') && <p className="field-problem" role="alert">{serverProblem('insecureRegistries')}</p>}
      </fieldset>
      <div className="field-row">
        <label className="field">
          <span className="field-label">{FIELD_LABELS.platform}</span>
          <input
            type="text"
            className="mono"
            value={draft.platform}
            placeholder={hostPlatform ? `this computer's (${hostPlatform})` : 'os/arch[/variant]'}
            aria-invalid={found.platform || serverProblem('platform') ? true : undefined}
            spellCheck={false}
            onChange={(event) => change({ platform: event.target.value })}
          />
          <span className="muted small">What a pull picks from a multi-platform image, e.g. linux/arm64/v8. Empty: this computer's.</span>
          {(found.platform ?? serverProblem('platform')) && <span className="field-problem">{found.platform ?? serverProblem('platform')}</span>}
        </label>
        <label className="field field-narrow">
          <span className="field-label">{FIELD_LABELS.parallelDownloads}</span>
          <input
            type="number"
            min={PARALLEL_DOWNLOADS.min}
            max={PARALLEL_DOWNLOADS.max}
            step={1}
            value={draft.parallelDownloads}
            aria-invalid={found.parallelDownloads || serverProblem('parallelDownloads') ? true : undefined}
            onChange={(event) => change({ parallelDownloads: event.target.value })}
          />
          <span className="muted small">Layers fetched at once ({PARALLEL_DOWNLOADS.min}–{PARALLEL_DOWNLOADS.max}).</span>
          {(found.parallelDownloads ?? serverProblem('parallelDownloads')) && (
            <span className="field-problem">{found.parallelDownloads ?? serverProblem('parallelDownloads')}</span>
          )}
        </label>
      </div>
      <div className="registry-settings-actions">
        <button type="submit" className="button button-primary" disabled={!dirty || saving || offline || Object.keys(found).length > 0}>
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button" disabled={!dirty || saving} onClick={() => { setDraft(saved); setOutcome(null); }}>
          Revert
        </button>
        <span role="status" className={outcome?.ok ? 'save-ok' : 'muted small'}>
          {outcome?.ok ? `Saved to settings.json at ${outcome.at.toLocaleTimeString()}; new pulls use it, the CLI too.` : dirty ? 'Unsaved changes' : ''}
        </span>
        {outcome && !outcome.ok && outcome.field === null && <p className="form-error" role="alert">Could not save: {outcome.message}</p>}
      </div>
    </form>
  );
}
