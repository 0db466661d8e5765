/** ['objects', 3, 'status', 'cpu'] under 'body' → 'objects[3].status.cpu' (Kubernetes field-path style). */
export function formatFieldPath(segments: readonly PropertyKey[], base = ''): string {
  let path = base;
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}
