/**
 * The two faults every submitted document is checked for before anything
 * else reads it (see common/limits/submitted-document.ts): nesting deeper
 * than a limit, and the NUL character. Pure, so the offline CLI's parser uses
 * the same walk.
 */
import { mapKeyPath } from './field-error.js';

export type DocumentFault = { readonly path: string; readonly fault: 'too-deep' | 'nul-character' };

/**
 * One open container on the walk's path from the root: the child being
 * visited is `keys[next - 1]` (objects) or index `next - 1` (arrays).
 */
interface OpenContainer {
  readonly value: object;
  /** Own keys of an object; undefined for an array, whose children are visited by index. */
  readonly keys: readonly string[] | undefined;
  readonly length: number;
  next: number;
}

/** The path of the child being visited in the innermost container, built only when a fault is found. */
function pathOf(open: readonly OpenContainer[], basePath: string): string {
  let path = basePath;
  for (const container of open) {
    const position = container.next - 1;
    if (container.keys === undefined) path = `${path}[${position}]`;
    else path = path === '' ? container.keys[position] : mapKeyPath(path, container.keys[position]);
  }
  return path;
}

function openContainer(value: object): OpenContainer {
  if (Array.isArray(value)) return { value, keys: undefined, length: value.length, next: 0 };
  const keys = Object.keys(value);
  return { value, keys, length: keys.length, next: 0 };
}

/**
 * The first fault in the document, in document order. Iterative, so deep
 * input cannot overflow the stack, and it holds only the containers on the
 * path from the root to the current value (memory grows with the depth, not
 * with the size): a 100 MB array costs no more to check than a small one,
 * and paths are spelled out only for the fault reported.
 */
export function findDocumentFault(document: unknown, maxDepth: number, basePath = '', options: { nulCharacters: boolean } = { nulCharacters: true }): DocumentFault | undefined {
  const hasNul = (text: string) => options.nulCharacters && text.includes('\u0000');
  if (typeof document === 'string') return hasNul(document) ? { path: basePath, fault: 'nul-character' } : undefined;
  if (typeof document !== 'object' || document === null) return undefined;
  if (maxDepth <= 0) return { path: basePath, fault: 'too-deep' };
  const open: OpenContainer[] = [openContainer(document)];
  while (open.length > 0) {
    const container = open[open.length - 1];
    if (container.next === container.length) {
      open.pop();
      continue;
    }
    const position = container.next++;
    const key = container.keys?.[position];
    if (key !== undefined && hasNul(key)) return { path: pathOf(open, basePath), fault: 'nul-character' };
    const child: unknown = key === undefined ? (container.value as unknown[])[position] : (container.value as Record<string, unknown>)[key];
    if (typeof child === 'string') {
      if (hasNul(child)) return { path: pathOf(open, basePath), fault: 'nul-character' };
      continue;
    }
    if (typeof child !== 'object' || child === null) continue;
    // The child sits `open.length` levels below the root.
    if (open.length >= maxDepth) return { path: pathOf(open, basePath), fault: 'too-deep' };
    open.push(openContainer(child));
  }
  return undefined;
}
