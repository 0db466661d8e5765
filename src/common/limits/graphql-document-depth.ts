/**
 * The nesting of a GraphQL document's text, measured before graphql-js parses
 * it: the parser, the JSON scalar's literal reader and value coercion all
 * recurse once per level, so a literal nested 3,000 levels deep
 * (`simulate(input: {workloads: [[[[…]]]]})`) overflows the stack
 * ("Maximum call stack size exceeded") before any validation rule could
 * see it. A single left-to-right scan, O(length) time and O(1) memory:
 * strings, block strings and comments are skipped; inside an argument list
 * (parentheses), `{` and `[` open literal values and are counted as the
 * variables are (the argument's own object is level 1); outside, they open
 * selection sets, bounded by the same number so the parser never recurses
 * deeper than the limit either.
 */

export interface DocumentPosition {
  readonly line: number;
  readonly column: number;
}

export type GraphQLDepthFault = DocumentPosition & { readonly within: 'literal' | 'selection' };

/** The first `{` or `[` that opens a level at or past `maxDepth`, or undefined when the document stays within it. */
export function findGraphQLDepthFault(source: string, maxDepth: number): GraphQLDepthFault | undefined {
  let line = 1;
  let lineStart = 0;
  // Brackets open outside any argument list (selection sets), and inside one (literal values).
  let selectionDepth = 0;
  let literalDepth = 0;
  let parentheses = 0;
  for (let index = 0; index < source.length; index++) {
    const character = source[index];
    if (character === '\n') {
      line++;
      lineStart = index + 1;
    } else if (character === '#') {
      while (index + 1 < source.length && source[index + 1] !== '\n') index++;
    } else if (character === '"') {
      if (source.startsWith('"""', index)) {
        // A block string: ends at the next unescaped """; count the lines it spans.
        index += 3;
        while (index < source.length && !(source.startsWith('"""', index) && source[index - 1] !== '\\')) {
          if (source[index] === '\n') {
            line++;
            lineStart = index + 1;
          }
          index++;
        }
        index += 2;
      } else {
        index++;
        while (index < source.length && source[index] !== '"' && source[index] !== '\n') index += source[index] === '\\' ? 2 : 1;
      }
    } else if (character === '(') {
      parentheses++;
    } else if (character === ')') {
      parentheses = Math.max(0, parentheses - 1);
      if (parentheses === 0) literalDepth = 0;
    } else if (character === '{' || character === '[') {
      const depth = parentheses > 0 ? ++literalDepth : ++selectionDepth;
      if (depth >= maxDepth) return { line, column: index - lineStart + 1, within: parentheses > 0 ? 'literal' : 'selection' };
    } else if (character === '}' || character === ']') {
      if (parentheses > 0) literalDepth = Math.max(0, literalDepth - 1);
      else selectionDepth = Math.max(0, selectionDepth - 1);
    }
  }
  return undefined;
}
