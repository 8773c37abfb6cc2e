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
  // Cells that repeat across rows (an image's ID, age and size on each of its tags) are made once.
  const ids = new Map<string, string>();
  const ages = new Map<string, string>();
  const sizes = new Map<number, string>();
  const rows = new Array<string[]>(images.length);
  for (let i = 0; i < images.length; i++) {
    const image = images[i]!;
    let id = ids.get(image.id);
    if (id === undefined) ids.set(image.id, (id = options.trunc ? shortId(image.id) : image.id));
    let age = ages.get(image.created);
    if (age === undefined) ages.set(image.created, (age = createdSince(image.created, options.now) || 'N/A'));
    let size = sizes.get(image.size);
    if (size === undefined) sizes.set(image.size, (size = humanSize(image.size)));
    rows[i] = options.digests
      ? [image.repository, image.tag, image.repoDigest ? image.repoDigest.slice(image.repoDigest.indexOf('@') + 1) : '<none>', id, age, size]
      : [image.repository, image.tag, id, age, size];
  }
  const widths = header.slice(0, -1).map((title, column) => {
    let widest = displayWidth(title);
    for (const row of rows) widest = Math.max(widest, displayWidth(row[column]!));
    return Math.max(DOCKER_TABLE.minWidth, widest + DOCKER_TABLE.padding);
  });
  const last = header.length - 1;
  const line = (cells: readonly string[]): string => {
    let text = '';
    for (let column = 0; column < last; column++) text += pad(cells[column]!, widths[column]!);
    return text + cells[last]! + '\n';
  };
  let out = line(header);
  for (const row of rows) out += line(row);
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

const SPACES = ' '.repeat(256);

function pad(cell: string, width: number): string {
  const missing = width - displayWidth(cell);
  if (missing <= 0) return cell;
  return cell + (missing <= SPACES.length ? SPACES.slice(0, missing) : ' '.repeat(missing));
}
