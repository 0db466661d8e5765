/**
 * Input quoted back in an error message, bounded: a 2 MB label selector is
 * named by its first characters and its length, not copied into the answer
 * (and again into `detail`). Long enough to recognise the value, short enough
 * that an error is never larger than the mistake that caused it.
 */

/** Characters of a value quoted in a message (the DNS subdomain limit, 253, fits whole). */
export const MAX_ECHOED_CHARACTERS = 256;

/** `text`, or its head and how much was left out. */
export function echoed(text: string, max = MAX_ECHOED_CHARACTERS): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}…(${text.length - max} more characters)`;
}

/** A value as JSON (as the API server prints it in "Invalid value: …"), bounded the same way. */
export function echoedJson(value: unknown, max = MAX_ECHOED_CHARACTERS): string {
  if (typeof value === 'string') return echoed(JSON.stringify(value), max);
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    text = undefined;
  }
  return echoed(text ?? String(value), max);
}
