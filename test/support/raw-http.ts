/**
 * HTTP requests whose bodies are announced but not (all) sent, to show the
 * server answers from the headers alone: a refusal that arrives while the
 * client still holds most of its body proves the body was never awaited.
 */
import { request as httpRequest } from 'node:http';

export interface EarlyAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
  /** Bytes of the body the client had written when the answer came. */
  readonly bytesSent: number;
}

/**
 * Sends the headers (with `Content-Length: announcedBytes`, or chunked when
 * undefined) and `sentBytes` of body, then waits for the answer without
 * sending the rest (or, with `end`, ends the body there).
 */
export function partialUpload(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string>; announcedBytes?: number; sentBytes: number; chunk?: string; end?: boolean },
): Promise<EarlyAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...options.headers };
    if (options.announcedBytes !== undefined) headers['Content-Length'] = String(options.announcedBytes);
    const request = httpRequest(`${url}${options.path}`, { method: options.method ?? 'POST', headers });
    let bytesSent = 0;
    let answered = false;
    request.on('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, bytesSent });
        request.destroy();
      });
    });
    // Once the server has answered and closed, writing more fails: that is the point, unless no answer comes.
    request.on('error', (error) => setTimeout(() => (answered ? undefined : reject(error)), 1_000));
    const piece = options.chunk ?? '[' + '0,'.repeat(8191) + '0]';
    while (bytesSent < options.sentBytes) {
      request.write(piece);
      bytesSent += Buffer.byteLength(piece);
    }
    if (options.end) request.end();
  });
}
