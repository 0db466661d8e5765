/**
 * Upstream imagelocality.normalizedImageName: an image reference without a
 * tag gets `:latest`. Nothing else is rewritten — upstream's own TODO notes
 * that `nginx` in a pod does not match `docker.io/library/nginx:latest` in
 * node status, and we keep that behaviour to score exactly as it does.
 */
const DEFAULT_IMAGE_TAG = 'latest';

export function normalizedImageName(name: string): string {
  // A ':' after the last '/' is a tag separator; one before it belongs to a registry port.
  if (name.lastIndexOf(':') <= name.lastIndexOf('/')) return `${name}:${DEFAULT_IMAGE_TAG}`;
  return name;
}
