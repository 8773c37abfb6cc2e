// POST /upload from the page: a File goes to `berth serve` as the raw request body, with its progress and a way to
// stop it. XMLHttpRequest, not fetch: Chromium streams a File body either way (never reading it into memory), but
// only XHR reports upload progress — fetch would need a ReadableStream body, which Chromium sends only over HTTP/2
// or QUIC (`duplex: 'half'`), never to the HTTP/1.1 server `berth serve` is. fetch stays as the fallback where
// there is no XHR (Node, in tests), with progress only at the start and the end.
import type { FileRef, FileRefOptions } from '../../../shared/api.js';
import { BerthError, isErrorCode } from '../../../shared/errors.js';
import type { UploadResponse } from '../../../shared/web-protocol.js';

export interface UploadRequest extends FileRefOptions {
  url: string;
  headers: Record<string, string>;
  file: File;
}

const cancelled = (name: string) => new BerthError('CANCELLED', `The upload of ${name} was cancelled`);
const unreachable = (name: string, why: string) => new BerthError('NETWORK', `Could not upload ${name} to berth serve: ${why}`);

export function uploadWithXhr(Xhr: typeof XMLHttpRequest, request: UploadRequest): Promise<FileRef> {
  const { file, signal, onProgress } = request;
  if (signal?.aborted) return Promise.reject(cancelled(file.name));
  return new Promise<FileRef>((resolve, reject) => {
    const xhr = new Xhr();
    const abort = () => xhr.abort();
    const settle = (outcome: () => void) => {
      signal?.removeEventListener('abort', abort);
      outcome();
    };
    xhr.open('POST', request.url);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size));
    xhr.addEventListener('load', () =>
      settle(() => {
        if (xhr.status === 201) {
          try {
            resolve((JSON.parse(xhr.responseText) as UploadResponse).file);
          } catch {
            reject(new BerthError('INTERNAL', `berth serve answered the upload of ${file.name} with something other than JSON`));
          }
        } else {
          reject(uploadError(xhr.status, xhr.responseText, file.name));
        }
      }),
    );
    xhr.addEventListener('abort', () => settle(() => reject(cancelled(file.name))));
    xhr.addEventListener('error', () => settle(() => reject(unreachable(file.name, 'the connection failed; is it still running?'))));
    signal?.addEventListener('abort', abort, { once: true });
    onProgress?.(0, file.size);
    xhr.send(file);
  });
}

export async function uploadWithFetch(fetchImpl: typeof fetch, request: UploadRequest): Promise<FileRef> {
  const { file, signal, onProgress } = request;
  onProgress?.(0, file.size);
  let response: Response;
  try {
    response = await fetchImpl(request.url, { method: 'POST', body: file, headers: request.headers, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (signal?.aborted) throw cancelled(file.name);
    throw unreachable(file.name, (err as Error).message);
  }
  const text = await response.text();
  if (response.status !== 201) throw uploadError(response.status, text, file.name);
  onProgress?.(file.size, file.size);
  return (JSON.parse(text) as UploadResponse).file;
}

/** The server's typed error when it sent one (NO_SPACE, a size limit), else one made from the status. */
function uploadError(status: number, text: string, name: string): BerthError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    if (body.error && isErrorCode(body.error.code) && typeof body.error.message === 'string') {
      return new BerthError(body.error.code, body.error.message);
    }
  } catch {
    // not JSON: fall through
  }
  const code = status === 401 ? 'UNAUTHORIZED' : 'INTERNAL';
  return new BerthError(code, `Upload of ${name} failed: HTTP ${status}`);
}
