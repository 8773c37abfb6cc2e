// docker/cli's formatter.Context: `--format table|table TEMPLATE|json|TEMPLATE` over a list of rows, table
// output aligned by the tabwriter with a header row made of the fields' column names.
// The template engine is loaded on first use: `berth images`' default table (images-table.ts) and most commands
// never need it, and compiling it is part of every start.
import { BerthError } from '../../shared/errors.js';
import type { CompiledTemplate } from '../../shared/template/index.js';
import { alignColumns } from './tabwriter.js';
import { goMarshalSorted } from './go-json.js';

export const FORMAT_HELP = [
  'Format output using a custom template:',
  "'table':            Print output in table format",
  'with column headers (default)',
  "'table TEMPLATE':   Print output in table format",
  'using the given Go template',
  "'json':             Print in JSON format",
  "'TEMPLATE':         Print output using the given",
  'Go template.',
].join('\n');

export function isTableFormat(source: string): boolean {
  return source.startsWith('table');
}

/**
 * Renders rows with a format (already expanded from `table`/`json` shortcuts by the command, as docker's
 * New…Format functions do). `headers` names the columns of each field for table output.
 */
export async function renderRows(source: string, rows: readonly object[], headers: Record<string, string>): Promise<string> {
  if (source === 'json') return rows.map((row) => goMarshalSorted(row as Record<string, unknown>) + '\n').join('');
  const { tableHeader, templateBody } = await templateEngine();
  const template = await compile(templateBody(source));
  let body = '';
  for (const row of rows) body += execute(template, row) + '\n';
  if (!isTableFormat(source)) return body;
  let header: string;
  try {
    header = tableHeader(source, headers);
  } catch (err) {
    throw templateFailure(err);
  }
  return alignColumns(header + '\n' + body);
}

export type { CompiledTemplate };

type TemplateEngine = typeof import('../../shared/template/index.js');
let engine: Promise<TemplateEngine> | undefined;

function templateEngine(): Promise<TemplateEngine> {
  return (engine ??= import('../../shared/template/index.js'));
}

export async function compile(text: string): Promise<CompiledTemplate> {
  const { compileTemplate } = await templateEngine();
  try {
    return compileTemplate(text);
  } catch (err) {
    throw templateFailure(err);
  }
}

export function execute(template: CompiledTemplate, data: unknown): string {
  try {
    return template.execute(data);
  } catch (err) {
    throw templateFailure(err);
  }
}

/** docker wraps every template failure as "template parsing error: …", even those at execution. */
function templateFailure(err: unknown): BerthError {
  const message = err instanceof Error ? err.message : String(err);
  return new BerthError('INVALID_TEMPLATE', message.startsWith('template parsing error') ? message : `template parsing error: ${message}`);
}
