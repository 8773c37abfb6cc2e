// The page's upload over XMLHttpRequest: progress from the first byte, CANCELLED on abort, the server's typed errors.
import { describe, expect, it } from 'vitest';
import { uploadWithXhr, type UploadRequest } from './upload.js';

/** Just enough of XMLHttpRequest for the bridge, driven by the test. */
class FakeXhr {
  static last: FakeXhr;
  status = 0;
  responseText = '';
  responseType = '';
  sent: unknown = null;
  headers: Record<string, string> = {};
  private listeners = new Map<string, () => void>();
  private uploadListeners = new Map<string, (event: { loaded: number; total: number; lengthComputable: boolean }) => void>();
  upload = { addEventListener: (type: string, listener: (event: { loaded: number; total: number; lengthComputable: boolean }) => void) => this.uploadListeners.set(type, listener) };
  constructor() {
    FakeXhr.last = this;
  }
  open() {}
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  addEventListener(type: string, listener: () => void) {
    this.listeners.set(type, listener);
  }
  send(body: unknown) {
    this.sent = body;
  }
  abort() {
    this.listeners.get('abort')?.();
  }
  progress(loaded: number, total: number) {
    this.uploadListeners.get('progress')?.({ loaded, total, lengthComputable: true });
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.listeners.get('load')?.();
  }
}

const file = new File([new Uint8Array(2000)], 'notes.tar');
const request = (extra: Partial<UploadRequest> = {}): UploadRequest => ({ url: 'http://127.0.0.1:1/upload', headers: { 'X-Berth-Token': 't' }, file, ...extra });
const Xhr = FakeXhr as unknown as typeof XMLHttpRequest;

describe('uploadWithXhr', () => {
  it('reports 0 of the size before the first byte, then what the browser reports, and sends the File itself', async () => {
    const seen: Array<[number, number]> = [];
    const done = uploadWithXhr(Xhr, request({ onProgress: (sent, total) => seen.push([sent, total]) }));
    expect(seen).toEqual([[0, 2000]]);
    expect(FakeXhr.last.sent).toBe(file); // streamed by the browser from disk, never read into memory here
    expect(FakeXhr.last.headers).toEqual({ 'X-Berth-Token': 't' });
    FakeXhr.last.progress(500, 2000);
    FakeXhr.last.answer(201, { file: { fileId: 'f1', name: 'notes.tar', size: 2000 } });
    await expect(done).resolves.toEqual({ fileId: 'f1', name: 'notes.tar', size: 2000 });
    expect(seen).toEqual([[0, 2000], [500, 2000]]);
  });

  it('stops with CANCELLED when the signal aborts, and does not start after an earlier abort', async () => {
    const controller = new AbortController();
    const done = uploadWithXhr(Xhr, request({ signal: controller.signal }));
    controller.abort();
    await expect(done).rejects.toMatchObject({ code: 'CANCELLED', message: 'The upload of notes.tar was cancelled' });
    await expect(uploadWithXhr(Xhr, request({ signal: controller.signal }))).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it("passes on the server's typed error (NO_SPACE before any byte is stored)", async () => {
    const done = uploadWithXhr(Xhr, request());
    FakeXhr.last.answer(507, { error: { code: 'NO_SPACE', message: 'not enough free space' } });
    await expect(done).rejects.toMatchObject({ code: 'NO_SPACE', message: 'not enough free space' });
  });
});
