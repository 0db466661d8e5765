/**
 * One GET against the API server through @kubernetes/client-node's own
 * request path: the KubeConfig adds the credentials (token, client
 * certificate, exec plugin, basic auth) and the TLS and proxy settings
 * (CA bundle, `insecure-skip-tls-verify`, `tls-server-name`, `proxy-url`),
 * then the library's HTTP client sends it.
 */
import { createConfiguration, HttpMethod, RequestContext, type KubeConfig } from '@kubernetes/client-node';
import { ClusterReadError, type ClusterEndpoint } from './cluster-read-error.js';

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/** The request could not be sent or got no answer (the status-less failures). */
export class ApiTransportError extends Error {
  constructor(
    message: string,
    /** Node's error code when there is one: ECONNREFUSED, ENOTFOUND, DEPTH_ZERO_SELF_SIGNED_CERT, … */
    readonly code: string | undefined,
  ) {
    super(message);
    this.name = 'ApiTransportError';
  }
}

const httpApi = createConfiguration().httpApi;

export async function getFromApi(
  config: KubeConfig,
  endpoint: ClusterEndpoint,
  path: string,
  query: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<ApiResponse> {
  const url = new URL(endpoint.server.replace(/\/+$/, '') + path);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const request = new RequestContext(url.toString(), HttpMethod.GET);
  request.setHeaderParam('Accept', 'application/json');
  try {
    await config.applySecurityAuthentication(request);
  } catch (error) {
    // An exec plugin that fails or is missing, an unreadable certificate: no credentials to send.
    throw new ClusterReadError('unauthorized', `cannot obtain credentials: ${(error as Error).message}`, endpoint);
  }
  request.setSignal(AbortSignal.timeout(timeoutMs));
  try {
    const response = await httpApi.send(request).toPromise();
    return { status: response.httpStatusCode, headers: response.headers, text: await response.body.text() };
  } catch (error) {
    throw transportError(error, timeoutMs);
  }
}

function transportError(error: unknown, timeoutMs: number): ApiTransportError {
  const failure = error as Error & { cause?: Error & { code?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') return new ApiTransportError(`no answer within ${timeoutMs} ms`, 'ETIMEDOUT');
  const cause = failure.cause;
  const code = cause?.code ?? (failure as { code?: string }).code;
  const message = cause?.message ?? failure.message;
  return new ApiTransportError(code && !message.includes(code) ? `${message} (${code})` : message, code);
}
