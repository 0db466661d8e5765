/** 1-based line and column of a character offset, for error messages a person can act on. */
export interface TextPosition {
  line: number;
  column: number;
}

export function positionOf(text: string, offset: number): TextPosition {
  const bounded = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < bounded; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: bounded - lineStart + 1 };
}
