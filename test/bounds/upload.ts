/**
 * Streams a large JSON array to a server as a client would (respecting
 * backpressure, never holding the whole body), and resolves with the answer
 * as soon as one arrives, whether or not the server read the body.
 */
import { request as httpRequest } from 'node:http';

export interface UploadAnswer {
  readonly status: number;
  readonly body: string;
  readonly bytesWritten: number;
}

const CHUNK = Buffer.from(`${'0,'.repeat(32 * 1024)}`);

export function uploadJsonArray(
  url: string,
  path: string,
  bytes: number,
  options: { headers?: Record<string, string>; chunked?: boolean } = {},
): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
    if (!options.chunked) headers['Content-Length'] = String(bytes);
    const request = httpRequest(`${url}${path}`, { method: 'POST', headers });
    let bytesWritten = 0;
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body, bytesWritten });
        request.destroy();
      });
    });
    request.on('error', (error) => setTimeout(() => (answered ? undefined : reject(error)), 1_000));
    const writeMore = (): void => {
      while (!answered && !request.destroyed) {
        const remaining = bytes - bytesWritten;
        if (remaining <= 0) {
          request.end();
          return;
        }
        let piece: Buffer;
        if (bytesWritten === 0) piece = Buffer.concat([Buffer.from('['), CHUNK.subarray(0, Math.min(CHUNK.length, remaining) - 1)]);
        else if (remaining <= CHUNK.length) piece = Buffer.concat([CHUNK.subarray(0, remaining - 2), Buffer.from('0]')]);
        else piece = CHUNK;
        bytesWritten += piece.length;
        if (!request.write(piece)) {
          request.once('drain', writeMore);
          return;
        }
      }
    };
    writeMore();
  });
}
