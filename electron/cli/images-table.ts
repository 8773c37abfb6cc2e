// `berth images`' default table (with and without --digests, truncated or not) and `-q`, written directly instead
// of through the template engine and the general tabwriter: on 50,000 rows the template pass, its row objects and
// re-splitting the text into cells were most of the command. The output is byte for byte what the template path
// (`imageFormat` + `renderRows`) prints; images-table.test.ts compares both over varied rows.
//
// Every line has the same cells, so tabwriter's column blocks are whole columns: each column is as wide as its
// widest cell plus 3 (at least 10), and the last cell is not padded.
import type { ImageSummary } from '../../shared/api.js';
import { createdSince, humanSize, shortId } from '../../shared/format.js';
import { DOCKER_TABLE, displayWidth } from './tabwriter.js';

export interface ImagesTableOptions {
  trunc: boolean;
  digests: boolean;
  now: number;
}

/** The default `docker images` table, header included. */
export function imagesTable(images: readonly ImageSummary[], options: ImagesTableOptions): string {
  const header = options.digests
    ? ['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE']
    : ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'];
  const columns = header.length;
  const cells: string[] = new Array<string>((images.length + 1) * columns);
  header.forEach((title, i) => (cells[i] = title));
  // An image's age and size are the same on every one of its tag rows: format each distinct value once.
  const ages = new Map<string, string>();
  const sizes = new Map<number, string>();
  let at = columns;
  for (const image of images) {
    cells[at++] = image.repository;
    cells[at++] = image.tag;
    if (options.digests) cells[at++] = image.repoDigest ? image.repoDigest.slice(image.repoDigest.indexOf('@') + 1) : '<none>';
    cells[at++] = options.trunc ? shortId(image.id) : image.id;
    let age = ages.get(image.created);
    if (age === undefined) ages.set(image.created, (age = createdSince(image.created, options.now) || 'N/A'));
    cells[at++] = age;
    let size = sizes.get(image.size);
    if (size === undefined) sizes.set(image.size, (size = humanSize(image.size)));
    cells[at++] = size;
  }

  const widths: number[] = [];
  for (let column = 0; column < columns - 1; column++) {
    let widest = 0;
    for (let i = column; i < cells.length; i += columns) widest = Math.max(widest, displayWidth(cells[i]!));
    widths.push(Math.max(DOCKER_TABLE.minWidth, widest + DOCKER_TABLE.padding));
  }
  const lines: string[] = new Array<string>(images.length + 2);
  for (let row = 0, i = 0; i < cells.length; row++) {
    let line = '';
    for (let column = 0; column < columns - 1; column++, i++) line += pad(cells[i]!, widths[column]!);
    lines[row] = line + cells[i++]!;
  }
  lines[lines.length - 1] = '';
  return lines.join('\n');
}

/** `-q`: each image ID once, in list order (what `rmi $(berth images -q)` wants). */
export function imageIds(images: readonly ImageSummary[], trunc: boolean): string {
  const seen = new Set<string>();
  let out = '';
  for (const image of images) {
    const id = trunc ? shortId(image.id) : image.id;
    if (seen.has(id)) continue;
    seen.add(id);
    out += id + '\n';
  }
  return out;
}

const SPACES = ' '.repeat(256);

function pad(cell: string, width: number): string {
  const missing = width - displayWidth(cell);
  if (missing <= 0) return cell;
  return cell + (missing <= SPACES.length ? SPACES.slice(0, missing) : ' '.repeat(missing));
}
