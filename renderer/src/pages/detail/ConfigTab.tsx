// How a container from this image starts.
import type { ContainerConfig } from '../../../../shared/api';
import { Field, Fields } from './Fields';

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
          {key}
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
      <Field label="WorkingDir">{config.WorkingDir && <code className="mono">{config.WorkingDir}</code>}</Field>
      <Field label="User">{config.User && <code className="mono">{config.User}</code>}</Field>
      <Field label="Env">
        {config.Env?.length ? (
          <ul className="plain-list">
            {config.Env.map((entry, index) => {
              const eq = entry.indexOf('=');
              return (
                <li key={index} className="mono wrap">
                  <span className="env-key">{eq < 0 ? entry : entry.slice(0, eq)}</span>
                  {eq >= 0 && <>={entry.slice(eq + 1)}</>}
                </li>
              );
            })}
          </ul>
        ) : null}
      </Field>
      <Field label="Ports">{keyList(config.ExposedPorts)}</Field>
      <Field label="Volumes">{keyList(config.Volumes)}</Field>
      <Field label="Labels">
        {labels.length ? (
          <table className="kv-table">
            <tbody>
              {labels.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row" className="mono">
                    {key}
                  </th>
                  <td className="mono wrap">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
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
