// The Files tab's questions, answered from an image's merged tree: one folder at a time (the tree is virtualised,
// so nothing below a closed folder is sent), a search across every path, and a file's preview.
import { BerthError } from '../../../shared/errors.js';
import type { ImageFileEntry, ImageFileListing, ImageFilePreview, ImageFileSearch, ImageFileSearchResult, ImageFilesQuery, ImageLayerFiles } from '../../../shared/api/files.js';
import { fileQueryMatcher } from './file-query.js';
import type { ImageFiles } from './image-files.js';
import { layerTree, type ChangeNode } from './layer-tree.js';
import { pathOf, type FileNode } from './merged-tree.js';

export const PREVIEW_LIMIT = 512 * 1024;
const DEFAULT_MATCHES = 500;
const MAX_MATCHES = 5000;
/** A search costs names x pattern, so the pattern is bounded (a search box's text, not a document). */
const MAX_PATTERN = 1024;

export function listImageFiles(files: ImageFiles, query: ImageFilesQuery = {}): ImageFileListing {
  const path = normalise(query.path ?? '/');
  let entries: ImageFileEntry[];
  if (query.layer === undefined) {
    const node = files.resolve(path);
    if (!node) throw new BerthError('NOT_FOUND', `${path} does not exist in ${nameOf(files)}`);
    if (!node.children) throw new BerthError('INVALID_ARGUMENT', `${path} in ${nameOf(files)} is not a folder`);
    entries = [...node.children.values()].map(entryOf);
  } else {
    const node = changeNodeAt(files, query.layer, path);
    entries = [...node.children.values()].map((child) => changeEntryOf(child, query.layer!));
  }
  entries.sort((a, b) => Number(b.kind === 'dir') - Number(a.kind === 'dir') || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const root = files.merged.root;
  return { imageId: files.record.id, path, entries, layers: layerSummaries(files), totalEntries: root.descendants, totalSize: root.size };
}

export function searchImageFiles(files: ImageFiles, search: ImageFileSearch): ImageFileSearchResult {
  if (search.pattern.trim() === '') return { matches: [], truncated: false };
  if (search.pattern.length > MAX_PATTERN) throw new BerthError('INVALID_ARGUMENT', `a search pattern of ${search.pattern.length} characters is longer than the ${MAX_PATTERN} allowed`);
  const matches = fileQueryMatcher(search.pattern);
  const limit = Math.min(search.limit ?? DEFAULT_MATCHES, MAX_MATCHES);
  const found: ImageFileEntry[] = [];
  let truncated = false;
  const take = (entry: () => ImageFileEntry) => {
    if (found.length === limit) truncated = true;
    else found.push(entry());
  };
  if (search.layer === undefined) {
    const stack: Array<[FileNode, string]> = [[files.merged.root, '']];
    while (stack.length > 0 && !truncated) {
      const [node, path] = stack.pop()!;
      for (const child of node.children!.values()) {
        const childPath = `${path}/${child.name}`;
        if (matches(childPath, child.name)) take(() => entryOf(child));
        if (child.children) stack.push([child, childPath]);
      }
    }
  } else {
    const stack = [changeNodeAt(files, search.layer, '/')];
    while (stack.length > 0 && !truncated) {
      for (const child of stack.pop()!.children.values()) {
        if (matches(`/${child.path}`, child.name)) take(() => changeEntryOf(child, search.layer!));
        if (child.children.size > 0) stack.push(child);
      }
    }
  }
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { matches: found, truncated };
}

export async function previewImageFile(files: ImageFiles, path: string): Promise<ImageFilePreview> {
  const wanted = normalise(path);
  const node = files.resolve(wanted);
  if (!node || node === files.merged.root) throw new BerthError('NOT_FOUND', `${wanted} does not exist in ${nameOf(files)}`);
  const entry = entryOf(node);
  const target = node.entry.kind === 'symlink' ? files.resolve(wanted, { follow: true }) : node.entry.kind === 'hardlink' ? node.linkTarget : node;
  const preview: ImageFilePreview = { entry, limit: PREVIEW_LIMIT };
  if (node.entry.kind === 'symlink' && target) preview.resolved = `/${pathOf(target)}`;
  if (!target || target.entry.kind !== 'file') return { ...preview, reason: 'not-a-file' };
  if (target.entry.size > PREVIEW_LIMIT) return { ...preview, reason: 'too-large' };
  const chunks: Buffer[] = [];
  for await (const chunk of files.content(target)) chunks.push(Buffer.from(chunk));
  const bytes = Buffer.concat(chunks);
  const text = textOf(bytes);
  return text === null ? { ...preview, reason: 'binary' } : { ...preview, text };
}

/** UTF-8 text without NUL bytes (git's test for binary, on the whole file), else null. */
function textOf(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function entryOf(node: FileNode): ImageFileEntry {
  const { entry } = node;
  const path = `/${pathOf(node)}`;
  const kind = entry.kind === 'whiteout' || entry.kind === 'opaque' ? 'dir' : entry.kind;
  const size = entry.kind === 'hardlink' ? (node.linkTarget?.entry.size ?? 0) : node.size;
  const result: ImageFileEntry = {
    path,
    name: node.name,
    kind,
    size,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    mtime: entry.mtime,
    layer: node.layer,
    children: node.children?.size ?? 0,
    descendants: node.descendants,
  };
  if (entry.kind === 'symlink') result.link = entry.link;
  if (entry.kind === 'hardlink') result.link = `/${entry.link}`;
  return result;
}

function changeEntryOf(node: ChangeNode, layer: number): ImageFileEntry {
  const change = node.change;
  const written = change?.entry;
  const kind = written ? written.kind : change && change.kind !== 'whiteout' && change.kind !== 'opaque' ? change.kind : 'dir';
  const entry: ImageFileEntry = {
    path: `/${node.path}`,
    name: node.name,
    kind: kind === 'whiteout' || kind === 'opaque' ? 'dir' : kind,
    size: node.size,
    mode: written?.mode ?? 0,
    uid: written?.uid ?? 0,
    gid: written?.gid ?? 0,
    mtime: written?.mtime ?? 0,
    layer: written ? layer : -1,
    children: node.children.size,
    descendants: node.descendants,
  };
  if (written?.kind === 'symlink') entry.link = written.link;
  if (written?.kind === 'hardlink') entry.link = `/${written.link}`;
  if (change) entry.change = change.change;
  return entry;
}

function changeNodeAt(files: ImageFiles, layer: number, path: string): ChangeNode {
  const count = files.merged.summaries.length;
  if (!Number.isSafeInteger(layer) || layer < 0 || layer >= count) {
    throw new BerthError('INVALID_ARGUMENT', `${nameOf(files)} has no layer ${layer + 1} (it has ${count}, counted from 1 at the base)`);
  }
  let node = layerTree(files.merged, layer);
  for (const name of path.split('/').filter(Boolean)) {
    const next = node.children.get(name);
    if (!next) throw new BerthError('NOT_FOUND', `layer ${layer + 1} of ${nameOf(files)} changes nothing at ${path}`);
    node = next;
  }
  return node;
}

function layerSummaries(files: ImageFiles): ImageLayerFiles[] {
  const history = (files.config.history ?? []).filter((step) => !step.empty_layer);
  return files.merged.summaries.map((summary, index) => ({
    index,
    diffId: files.layers[index]!.diffId,
    createdBy: history[index]?.created_by ?? '',
    size: summary.size,
    added: summary.added,
    modified: summary.modified,
    deleted: summary.deleted,
  }));
}

function normalise(path: string): string {
  const names = path.split('/').filter((name) => name !== '' && name !== '.');
  if (names.includes('..')) throw new BerthError('INVALID_ARGUMENT', `the path ${JSON.stringify(path)} must not contain '..'`);
  return `/${names.join('/')}`;
}

function nameOf(files: ImageFiles): string {
  return files.record.reference ?? files.record.id.slice(7, 19);
}
