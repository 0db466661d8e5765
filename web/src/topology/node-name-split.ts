/** Characters of a node name kept after the middle ellipsis: most of it for short names, at most 18 for long ones. */
const MAX_TAIL = 18;

export function nameTailLength(name: string): number {
  return Math.min(MAX_TAIL, Math.floor(name.length * 0.6));
}
