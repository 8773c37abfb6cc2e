// `berth packages IMAGE`: the OS packages installed in an image, read offline from its layers (dpkg, apk, rpm's
// sqlite rpmdb) — what `docker run IMAGE dpkg -l` would list, without running anything. A docker-style table
// (NAME VERSION ARCH SOURCE) on stdout and nothing else, so it pipes; a database Berth found but cannot read
// (rpm's Berkeley DB) and an image with no database at all are said on stderr.
import type { InstalledPackage, PackageReport } from '../../../shared/api.js';
import { flagBool, flagString } from '../args.js';
import type { Command } from '../command.js';
import { FORMAT_HELP, isTableFormat, renderRows } from '../list-format.js';
import { ellipsis } from './history.js';

const DEFAULT_TABLE = 'table {{.Name}}\t{{.Version}}\t{{.Architecture}}\t{{.Source}}';
/** Debian's longest versions (`1:2.38.1-5+deb12u1~bpo11+1`) fit; a table cell past this is cut unless --no-trunc. */
const MAX_CELL_WIDTH = 40;

export const PACKAGES_HEADERS: Record<string, string> = {
  Name: 'NAME',
  Version: 'VERSION',
  Architecture: 'ARCH',
  Source: 'SOURCE',
  SourceVersion: 'SOURCE VERSION',
  Manager: 'MANAGER',
};

/** The fields `--format` templates see; keys sorted, as `{{json .}}` and `--format json` print them. */
export interface PackageRow {
  readonly Architecture: string;
  readonly Manager: string;
  readonly Name: string;
  readonly Source: string;
  readonly SourceVersion: string;
  readonly Version: string;
}

export function packageRow(pkg: InstalledPackage, trunc: boolean): PackageRow {
  // A tab or newline from a hostile database would break the table's columns; the rest is escaped on output.
  const cell = (text: string | undefined): string => {
    const flat = (text ?? '').replace(/[\t\n\r]/g, ' ');
    return trunc ? ellipsis(flat, MAX_CELL_WIDTH) : flat;
  };
  return {
    Architecture: cell(pkg.architecture),
    Manager: pkg.manager,
    Name: cell(pkg.name),
    Source: cell(pkg.source),
    SourceVersion: cell(pkg.sourceVersion),
    Version: cell(pkg.version),
  };
}

/** What stderr says about the databases: the unreadable ones, or that there were none. */
export function packageNotes(reference: string, report: PackageReport): string[] {
  const notes = report.managers.filter((m) => m.problem).map((m) => `${m.path}: ${m.problem}`);
  if (report.managers.length === 0) notes.push(`no package database found in ${reference} (distroless or scratch images may have none)`);
  return notes;
}

export const packagesCommand: Command = {
  name: 'packages',
  usage: '[OPTIONS] IMAGE',
  summary: 'List the OS packages installed in an image (dpkg, apk, rpm), read offline',
  flags: [
    { name: 'format', type: 'string', help: `${FORMAT_HELP}\nFields: .Name .Version .Architecture .Source .SourceVersion .Manager` },
    { name: 'no-trunc', type: 'bool', help: "Don't truncate output" },
  ],
  args: { min: 1, max: 1 },
  async run(ctx, args) {
    const reference = args.positionals[0]!;
    const source = flagString(args, 'format') || 'table';
    const format = source === 'table' ? DEFAULT_TABLE : source;
    const report = await (await ctx.service()).imagePackages(reference);
    for (const note of packageNotes(reference, report)) ctx.io.stderr.write(`berth: ${note}\n`);
    const trunc = isTableFormat(format) && !flagBool(args, 'no-trunc');
    ctx.io.stdout.write(await renderRows(format, report.packages.map((pkg) => packageRow(pkg, trunc)), PACKAGES_HEADERS));
  },
};
