/**
 * What the viewer sends to `POST /v1/topologies` for pasted or uploaded
 * cluster objects: the text unchanged, as JSON when it is JSON (`kubectl get
 * -o json`, a List or an array) and as YAML otherwise, named by `?name=` —
 * the same forms the README's curl commands send, so the service's parsing,
 * limits and error paths (`objects[i]…`) are the ones a person meets there.
 */
export interface ImportRequest {
  path: string;
  contentType: 'application/json' | 'application/yaml';
  body: string;
}

/** JSON documents start with an object or an array; anything else is left to the YAML parser (which reports its own line). */
function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

export function importRequest(name: string, text: string): ImportRequest {
  return {
    path: `/v1/topologies?${new URLSearchParams({ name: name.trim() }).toString()}`,
    contentType: looksLikeJson(text) ? 'application/json' : 'application/yaml',
    body: text,
  };
}

/** A name from an uploaded file's name: `prod-eu.yaml` → `prod-eu`. */
export function nameFromFileName(fileName: string): string {
  return fileName.replace(/\.(ya?ml|json)$/i, '');
}
