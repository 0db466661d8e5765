/**
 * kubectl's `-l` selector syntax (apimachinery pkg/labels/selector.go Parse):
 * `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, joined by
 * commas. `!=` is NotIn, which (as upstream) also matches objects without the
 * key. `>`/`<` (numeric Gt/Lt) exist upstream only for node selectors and
 * are refused here. An empty string selects everything.
 */
import { InvalidInputError } from './field-error.js';
import { CompiledSelector, type LabelRequirement } from './label-selector.js';
import { validateLabelKey, validateLabelValue } from './labels.js';
import { echoed } from './echoed-value.js';

type Token =
  | { kind: 'identifier'; text: string; offset: number }
  | { kind: 'symbol'; text: '!' | '=' | '==' | '!=' | '(' | ')' | ',' | '<' | '>'; offset: number }
  | { kind: 'end'; offset: number };

const SYMBOLS = ['==', '!=', '!', '=', '(', ')', ',', '<', '>'] as const;
const IDENTIFIER_STOP = /[\s!=(),<>]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  while (offset < text.length) {
    if (/\s/.test(text[offset])) {
      offset += 1;
      continue;
    }
    const symbol = SYMBOLS.find((candidate) => text.startsWith(candidate, offset));
    if (symbol) {
      tokens.push({ kind: 'symbol', text: symbol, offset });
      offset += symbol.length;
      continue;
    }
    const start = offset;
    while (offset < text.length && !IDENTIFIER_STOP.test(text[offset])) offset += 1;
    tokens.push({ kind: 'identifier', text: text.slice(start, offset), offset: start });
  }
  tokens.push({ kind: 'end', offset: text.length });
  return tokens;
}

class SelectorSyntaxError extends Error {}

class SelectorParser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      requirements.push(this.requirement());
      const next = this.take();
      if (next.kind === 'end') return requirements;
      if (!(next.kind === 'symbol' && next.text === ',')) throw this.unexpected(next, "',' or end of selector");
    }
  }

  private requirement(): LabelRequirement {
    const first = this.peek();
    if (first.kind === 'symbol' && first.text === '!') {
      this.take();
      return { key: this.key(), operator: 'DoesNotExist', values: [] };
    }
    const key = this.key();
    const operator = this.peek();
    if (operator.kind === 'end' || (operator.kind === 'symbol' && operator.text === ',')) {
      return { key, operator: 'Exists', values: [] };
    }
    this.take();
    if (operator.kind === 'symbol') {
      switch (operator.text) {
        case '=':
        case '==':
          return { key, operator: 'In', values: [this.singleValue()] };
        case '!=':
          return { key, operator: 'NotIn', values: [this.singleValue()] };
        case '<':
        case '>':
          throw new SelectorSyntaxError(`operator '${operator.text}' is only valid in node selectors, not in label selectors`);
      }
    }
    if (operator.kind === 'identifier' && (operator.text === 'in' || operator.text === 'notin')) {
      const values = this.valueSet();
      if (values.length === 0) throw new SelectorSyntaxError(`for '${operator.text}' the set of values can't be empty`);
      return { key, operator: operator.text === 'in' ? 'In' : 'NotIn', values };
    }
    throw this.unexpected(operator, "'=', '==', '!=', 'in' or 'notin'");
  }

  private key(): string {
    const token = this.take();
    if (token.kind !== 'identifier' || token.text === 'in' || token.text === 'notin') throw this.unexpected(token, 'a label key');
    const problems = validateLabelKey(token.text);
    if (problems.length > 0) throw new SelectorSyntaxError(`invalid label key "${echoed(token.text)}": ${problems.join('; ')}`);
    return token.text;
  }

  /** `a=` selects the empty value, as upstream. */
  private singleValue(): string {
    const token = this.peek();
    if (token.kind === 'identifier') {
      this.take();
      return this.validValue(token.text);
    }
    if (token.kind === 'end' || (token.kind === 'symbol' && token.text === ',')) return '';
    throw this.unexpected(token, 'a label value');
  }

  private valueSet(): string[] {
    const open = this.take();
    if (!(open.kind === 'symbol' && open.text === '(')) throw this.unexpected(open, "'('");
    const values: string[] = [];
    for (;;) {
      const token = this.take();
      if (token.kind === 'identifier') {
        values.push(this.validValue(token.text));
        const separator = this.take();
        if (separator.kind === 'symbol' && separator.text === ')') return [...new Set(values)].sort();
        if (!(separator.kind === 'symbol' && separator.text === ',')) throw this.unexpected(separator, "',' or ')'");
      } else if (token.kind === 'symbol' && token.text === ')' && values.length === 0) {
        return values;
      } else {
        throw this.unexpected(token, 'a label value');
      }
    }
  }

  private validValue(value: string): string {
    const problems = validateLabelValue(value);
    if (problems.length > 0) throw new SelectorSyntaxError(`invalid label value "${echoed(value)}": ${problems.join('; ')}`);
    return value;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private take(): Token {
    const token = this.tokens[this.position];
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  private unexpected(token: Token, expected: string): SelectorSyntaxError {
    const found = token.kind === 'end' ? 'end of selector' : `'${echoed(token.text)}'`;
    return new SelectorSyntaxError(`found ${found} at position ${token.offset + 1}, expected ${expected}`);
  }
}

/** Parses a selector string; syntax errors throw an InvalidInputError at `path`. */
export function parseSelectorString(text: string, path: string): CompiledSelector {
  if (text.trim() === '') return CompiledSelector.everything;
  try {
    const requirements = new SelectorParser(tokenize(text)).parse();
    // Upstream keeps requirements sorted by key, which fixes the printed form.
    return CompiledSelector.of([...requirements].sort((left, right) => (left.key < right.key ? -1 : left.key > right.key ? 1 : 0)));
  } catch (error) {
    if (!(error instanceof SelectorSyntaxError)) throw error;
    throw new InvalidInputError([{ path, message: `unable to parse selector "${echoed(text)}": ${error.message}` }]);
  }
}
