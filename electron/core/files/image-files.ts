// LEAD: replace — a temporary stand-in with the signature of the lead's image-files.ts (the layer index and merged
// filesystem), so imagePackages typechecks before the merge. The lead's file wins at merge.
import { BerthError } from '../../../shared/errors.js';
import type { OperationContext } from '../operations/context.js';
import type { FileSource } from './file-source.js';

export type ImageFiles = FileSource;

export function openImageFiles(_ctx: OperationContext, _reference: string, _options?: { platform?: string; signal?: AbortSignal }): Promise<ImageFiles> {
  return Promise.reject(new BerthError('NOT_FOUND', 'layer index not merged yet'));
}
