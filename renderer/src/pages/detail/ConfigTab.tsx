// How a container from this image starts.
import type { ContainerConfig } from '../../../../shared/api';
import { Breakable } from '../../components/Breakable';
import { ExpandableValue } from './ExpandableValue';
import { Field, Fields } from './Fields';
import { KeyValueList } from './KeyValueList';

function command(value: string[] | null) {
  if (!value || value.length === 0) return null;
  return <code className="mono wrap">{JSON.stringify(value)}</code>;
}

function keyList(value: Record<string, object> | null | undefined) {
  const keys = Object.keys(value ?? {});
  if (keys.length === 0) return null;
  return (
    <ul className="plain-list">
      {keys.map((key) => (
        <li key={key} className="mono">
          <Breakable text={key} />
        </li>
      ))}
    </ul>
  );
}

export function ConfigTab({ config }: { config: ContainerConfig }) {
  const labels = Object.entries(config.Labels ?? {});
  return (
    <Fields>
      <Field label="Entrypoint">{command(config.Entrypoint)}</Field>
      <Field label="Cmd">{command(config.Cmd)}</Field>
      <Field label="WorkingDir">
        {config.WorkingDir && (
          <code className="mono">
            <Breakable text={config.WorkingDir} />
          </code>
        )}
      </Field>
      <Field label="User">{config.User && <code className="mono">{config.User}</code>}</Field>
      <Field label="Env" wide>
        {config.Env?.length ? (
          <ul className="plain-list env-list">
            {config.Env.map((entry, index) => {
              const eq = entry.indexOf('=');
              const key = eq < 0 ? entry : entry.slice(0, eq);
              return (
                <li key={index} className="mono">
                  {eq < 0 ? (
                    <span className="env-key">{key}</span>
                  ) : (
                    <ExpandableValue text={entry.slice(eq + 1)} name={key} prefix={<><span className="env-key">{key}</span>=</>} />
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
      </Field>
      <Field label="Ports">{keyList(config.ExposedPorts)}</Field>
      <Field label="Volumes">{keyList(config.Volumes)}</Field>
      <Field label="Labels" wide>
        {labels.length ? <KeyValueList entries={labels} /> : null}
      </Field>
      {config.StopSignal && <Field label="StopSignal">{config.StopSignal}</Field>}
      {config.Healthcheck?.Test && (
        <Field label="Healthcheck">
          <code className="mono wrap">{JSON.stringify(config.Healthcheck.Test)}</code>
        </Field>
      )}
      {config.OnBuild?.length ? (
        <Field label="OnBuild">
          <ul className="plain-list">
            {config.OnBuild.map((line, index) => (
              <li key={index} className="mono wrap">
                {line}
              </li>
            ))}
          </ul>
        </Field>
      ) : null}
    </Fields>
  );
}
