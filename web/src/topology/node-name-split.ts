/** Characters of a node name kept after the middle ellipsis: most of it for short names, at most 18 for long ones. */
const MAX_TAIL = 18;
/** Names this short fit any node column whole: they are not split (a split one-letter head would still keep its 1.5em). */
const UNSPLIT_LENGTH = 12;

export function nameTailLength(name: string): number {
  return name.length <= UNSPLIT_LENGTH ? name.length : Math.min(MAX_TAIL, Math.floor(name.length * 0.6));
}
