/**
 * Finds where a JSON text stops being valid. JSON.parse on Node 20 reports an
 * offset for some errors ("… at position 6") but not for others
 * ("Unexpected token '}', … is not valid JSON"); this scanner names the first
 * offending character for every case, so the error can carry line and column.
 */
export interface JsonSyntaxProblem {
  offset: number;
  message: string;
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const LITERALS = ['true', 'false', 'null'];
const NUMBER_PATTERN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_PATTERN = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;

/** The first syntax problem in `text`, or undefined when it is one valid JSON value. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | undefined {
  let offset = 0;
  const skipWhitespace = (): void => {
    while (offset < text.length && WHITESPACE.has(text[offset])) offset += 1;
  };
  const problem = (message: string): JsonSyntaxProblem => ({ offset, message });
  const describe = (): string => (offset >= text.length ? 'end of input' : `'${text[offset]}'`);

  const readToken = (pattern: RegExp): boolean => {
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (!match) return false;
    offset += match[0].length;
    return true;
  };

  // Containers still open, innermost last; iterative so deep input cannot overflow the stack.
  const open: ('object' | 'array')[] = [];
  type Expect = 'value' | 'key' | 'afterValue';
  let expect: Expect = 'value';
  skipWhitespace();
  for (;;) {
    if (expect === 'value') {
      const character = text[offset];
      if (character === '{' || character === '[') {
        open.push(character === '{' ? 'object' : 'array');
        offset += 1;
        skipWhitespace();
        if (text[offset] === (character === '{' ? '}' : ']')) {
          open.pop();
          offset += 1;
          expect = 'afterValue';
        } else {
          expect = character === '{' ? 'key' : 'value';
        }
        continue;
      }
      if (character === '"') {
        if (!readToken(STRING_PATTERN)) return problem('unterminated or invalid string');
      } else if (character === '-' || (character >= '0' && character <= '9')) {
        if (!readToken(NUMBER_PATTERN)) return problem(`invalid number`);
      } else {
        const literal = LITERALS.find((candidate) => text.startsWith(candidate, offset));
        if (!literal) return problem(`unexpected ${describe()}, expected a value`);
        offset += literal.length;
      }
      expect = 'afterValue';
    } else if (expect === 'key') {
      if (text[offset] !== '"' || !readToken(STRING_PATTERN)) return problem(`unexpected ${describe()}, expected a property name`);
      skipWhitespace();
      if (text[offset] !== ':') return problem(`unexpected ${describe()}, expected ':'`);
      offset += 1;
      expect = 'value';
    } else {
      const container = open.at(-1);
      if (container === undefined) {
        return offset < text.length ? problem(`unexpected ${describe()} after the end of the document`) : undefined;
      }
      const close = container === 'object' ? '}' : ']';
      if (text[offset] === ',') {
        offset += 1;
        expect = container === 'object' ? 'key' : 'value';
      } else if (text[offset] === close) {
        offset += 1;
        open.pop();
      } else {
        return problem(`unexpected ${describe()}, expected ',' or '${close}'`);
      }
    }
    skipWhitespace();
  }
}
