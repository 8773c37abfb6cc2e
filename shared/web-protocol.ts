// The `berth serve` wire details both ends agree on: the server (electron/web/server.ts) and the page's
// WebSocket bridge (renderer/src/bridge/web.ts). Plain constants and types only, so the browser bundle can import it.
import type { BerthEvent, FileRef, FileTargetRef, RpcResponse } from './api.js';

export const WS_PATH = '/rpc';
export const UPLOAD_PATH = '/upload';
/** POST (with the token) asks for a download target; GET DOWNLOAD_PATH/ID fetches its bytes, once. */
export const DOWNLOAD_PATH = '/download';
export const TOKEN_HEADER = 'X-Berth-Token';
export const TOKEN_QUERY = 'token';
export const WS_PROTOCOL = 'berth.v1';
/** The page sends its token as a second subprotocol, so it never lands in a URL that a proxy or log might keep. */
export const WS_TOKEN_PROTOCOL_PREFIX = 'berth.token.';
export const WS_CLOSE_UNAUTHORIZED = 4401;
export const UNAUTHORIZED_MESSAGE = 'Berth: missing or wrong token — open the URL `berth serve` printed';
export const FOREIGN_ORIGIN_MESSAGE = 'Berth: this page comes from another site; open the URL `berth serve` printed';

/** What the server sends on the socket: an RPC response (it has `ok`) or a pushed event. */
export type ServerMessage = RpcResponse | { event: BerthEvent };

/** What POST /upload answers: the uploaded file, to pass to a method that reads one. */
export interface UploadResponse {
  file: FileRef;
}

/** What POST /download is sent: the file name the browser should save under. */
export interface DownloadRequest {
  name: string;
}

/** What POST /download answers: the target to pass to `save`, and the one-use path the browser fetches. */
export interface DownloadResponse {
  target: FileTargetRef;
  url: string;
}
