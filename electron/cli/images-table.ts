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
  const header = options.digests ? HEADER_WITH_DIGEST : HEADER;
  const columns = header.length;
  // Cells that repeat across rows (an image's ID, age and size on each of its tags) are made once.
  const ids = new Map<string, string>();
  const ages = new Map<string, string>();
  const sizes = new Map<number, string>();
  // Every cell in one flat list, row after row, with its display width beside it: measured once.
  const cells: string[] = [...header];
  for (const image of images) {
    let id = ids.get(image.id);
    if (id === undefined) ids.set(image.id, (id = options.trunc ? shortId(image.id) : image.id));
    let age = ages.get(image.created);
    if (age === undefined) ages.set(image.created, (age = createdSince(image.created, options.now) || 'N/A'));
    let size = sizes.get(image.size);
    if (size === undefined) sizes.set(image.size, (size = humanSize(image.size)));
    if (options.digests) {
      const digest = image.repoDigest ? image.repoDigest.slice(image.repoDigest.indexOf('@') + 1) : '<none>';
      cells.push(image.repository, image.tag, digest, id, age, size);
    } else {
      cells.push(image.repository, image.tag, id, age, size);
    }
  }
  const cellWidths = new Array<number>(cells.length);
  const widths = new Array<number>(columns - 1).fill(0);
  for (let i = 0, column = 0; i < cells.length; i++, column = column === columns - 1 ? 0 : column + 1) {
    if (column === columns - 1) continue;
    const width = (cellWidths[i] = displayWidth(cells[i]!));
    if (width > widths[column]!) widths[column] = width;
  }
  for (let column = 0; column < columns - 1; column++) {
    widths[column] = Math.max(DOCKER_TABLE.minWidth, widths[column]! + DOCKER_TABLE.padding);
  }
  let out = '';
  for (let i = 0, column = 0; i < cells.length; i++, column = column === columns - 1 ? 0 : column + 1) {
    const cell = cells[i]!;
    // padEnd counts UTF-16 units; the padding wanted is in terminal columns (the same for ASCII).
    out += column === columns - 1 ? cell + '\n' : cell.padEnd(cell.length + widths[column]! - cellWidths[i]!);
  }
  return out;
}

const HEADER = ['REPOSITORY', 'TAG', 'IMAGE ID', 'CREATED', 'SIZE'];
const HEADER_WITH_DIGEST = ['REPOSITORY', 'TAG', 'DIGEST', 'IMAGE ID', 'CREATED', 'SIZE'];

/**
 * `-q`: one ID per row, as docker prints it: an image with three tags prints its ID three times (scripts that
 * want each image once de-duplicate themselves).
 */
export function imageIds(images: readonly ImageSummary[], trunc: boolean): string {
  let out = '';
  for (const image of images) out += (trunc ? shortId(image.id) : image.id) + '\n';
  return out;
}
