/**
 * pkg/apis/core/v1/helper IsExtendedResourceName, for import validation: a
 * name with a domain that is not kubernetes.io's (`example.com/gpu`), not
 * starting with quota's `requests.`, and a qualified name once prefixed with
 * `requests.` (quota names it so). The engine has its own copy in
 * scheduling/plugins/node-resources/resource-names.ts (kube cannot import the
 * engine).
 */
import { validateLabelKey } from './labels.js';

const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const REQUESTS_PREFIX = 'requests.';

export function isExtendedResourceName(name: string): boolean {
  // IsNativeResource: no domain, or one in kubernetes.io.
  if (!name.includes('/') || name.includes(DEFAULT_NAMESPACE_PREFIX)) return false;
  if (name.startsWith(REQUESTS_PREFIX)) return false;
  // validateLabelKey is validation.IsQualifiedName.
  return validateLabelKey(`${REQUESTS_PREFIX}${name}`).length === 0;
}
