/**
 * Name and label rules of the API server (apimachinery
 * pkg/util/validation/validation.go: IsQualifiedName, IsValidLabelValue,
 * IsDNS1123Subdomain). Each returns upstream's messages, empty when valid,
 * so callers attach their own field path.
 */
import { mapKeyPath, type FieldError } from './field-error.js';
import { echoed, echoedJson } from './echoed-value.js';

const QUALIFIED_NAME_FORMAT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const QUALIFIED_NAME_PATTERN = new RegExp(`^${QUALIFIED_NAME_FORMAT}$`);
const QUALIFIED_NAME_MESSAGE = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MAX_LENGTH = 63;

const LABEL_VALUE_FORMAT = `(${QUALIFIED_NAME_FORMAT})?`;
const LABEL_VALUE_PATTERN = new RegExp(`^${LABEL_VALUE_FORMAT}$`);
const LABEL_VALUE_MESSAGE =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MAX_LENGTH = 63;

const DNS1123_LABEL_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN_FORMAT = `${DNS1123_LABEL_FORMAT}(\\.${DNS1123_LABEL_FORMAT})*`;
const DNS1123_SUBDOMAIN_PATTERN = new RegExp(`^${DNS1123_SUBDOMAIN_FORMAT}$`);
const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

const DNS1123_LABEL_PATTERN = new RegExp(`^${DNS1123_LABEL_FORMAT}$`);
const DNS1123_LABEL_MESSAGE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_LABEL_MAX_LENGTH = 63;

/** As upstream RegexError: `msg (e.g. 'a', or 'b', regex used for validation is 'fmt')`. */
function regexError(message: string, format: string, ...examples: string[]): string {
  const quoted = examples.map((example) => `'${example}', `).join('or ');
  return `${message} (e.g. ${quoted}regex used for validation is '${format}')`;
}

function maxLengthError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** IsDNS1123Subdomain: object names (nodes, pods, …) and label-key prefixes. */
export function validateDnsSubdomain(value: string): string[] {
  const errors: string[] = [];
  if (value.length > DNS1123_SUBDOMAIN_MAX_LENGTH) errors.push(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!DNS1123_SUBDOMAIN_PATTERN.test(value)) errors.push(regexError(DNS1123_SUBDOMAIN_MESSAGE, DNS1123_SUBDOMAIN_FORMAT, 'example.com'));
  return errors;
}

/** IsDNS1123Label: namespace names. */
export function validateDnsLabel(value: string): string[] {
  const errors: string[] = [];
  if (value.length > DNS1123_LABEL_MAX_LENGTH) errors.push(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
  if (!DNS1123_LABEL_PATTERN.test(value)) errors.push(regexError(DNS1123_LABEL_MESSAGE, DNS1123_LABEL_FORMAT, 'my-name', '123-abc'));
  return errors;
}

/** IsQualifiedName: label keys, taint keys, topology keys — `[prefix/]name`. */
export function validateLabelKey(key: string): string[] {
  const parts = key.split('/');
  let name: string;
  const errors: string[] = [];
  if (parts.length === 1) {
    name = parts[0];
  } else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) errors.push('prefix part must be non-empty');
    else errors.push(...validateDnsSubdomain(prefix).map((message) => `prefix part ${message}`));
  } else {
    return [`a qualified name ${regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  if (name.length === 0) errors.push('name part must be non-empty');
  else if (name.length > QUALIFIED_NAME_MAX_LENGTH) errors.push(`name part ${maxLengthError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!QUALIFIED_NAME_PATTERN.test(name)) {
    errors.push(`name part ${regexError(QUALIFIED_NAME_MESSAGE, QUALIFIED_NAME_FORMAT, 'MyName', 'my.name', '123-abc')}`);
  }
  return errors;
}

/** IsValidLabelValue: empty, or up to 63 characters of the qualified-name alphabet. */
export function validateLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (value.length > LABEL_VALUE_MAX_LENGTH) errors.push(maxLengthError(LABEL_VALUE_MAX_LENGTH));
  if (!LABEL_VALUE_PATTERN.test(value)) errors.push(regexError(LABEL_VALUE_MESSAGE, LABEL_VALUE_FORMAT, 'MyValue', 'my_value', '12345'));
  return errors;
}

/**
 * ValidateLabels: every key and value of a label map (also used for
 * nodeSelector and matchLabels), errors at `path` with the key in
 * brackets where a dot would be ambiguous (`metadata.labels[app.kubernetes.io/name]`, but `metadata.labels.app`).
 */
export function validateLabelMap(labels: unknown, path: string): FieldError[] {
  if (labels === undefined || labels === null) return [];
  if (typeof labels !== 'object' || Array.isArray(labels)) return [{ path, message: 'must be a map of string keys to string values' }];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels)) {
    for (const message of validateLabelKey(key)) errors.push({ path, message: `key "${echoed(key)}": ${message}` });
    if (typeof value !== 'string') {
      errors.push({ path: mapKeyPath(path, key), message: `must be a string, got ${echoedJson(value)}` });
      continue;
    }
    for (const message of validateLabelValue(value)) errors.push({ path: mapKeyPath(path, key), message: `"${echoed(value)}": ${message}` });
  }
  return errors;
}
