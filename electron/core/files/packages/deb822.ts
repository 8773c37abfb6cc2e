// The control-file syntax dpkg keeps its database in (deb822(5)): stanzas separated by blank lines, `Field: value`
// lines, continuation lines starting with a space or tab. Field names are case-insensitive; they are lower-cased here.
// Comment lines (`#`) are not allowed in dpkg's status file and are read as dpkg itself would not write them: skipped.

export type Stanza = Map<string, string>;

export function parseStanzas(text: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let current: Stanza = new Map();
  let last: string | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      if (current.size > 0) stanzas.push(current);
      current = new Map();
      last = null;
    } else if (line.startsWith(' ') || line.startsWith('\t')) {
      // Only the first line of a field matters to Berth; a continuation is kept so a multi-line value is complete.
      if (last !== null) current.set(last, `${current.get(last)}\n${line.slice(1)}`);
    } else if (!line.startsWith('#')) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      current.set(last, line.slice(colon + 1).trim());
    }
  }
  if (current.size > 0) stanzas.push(current);
  return stanzas;
}
