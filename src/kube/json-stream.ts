/**
 * Splits a `kubectl cluster-info dump` style stream into its JSON documents.
 *
 * The dump prints one JSON document per list (NodeList, PodList, …) with
 * container logs and other text between them, so the whole is not JSON. One
 * linear pass tracks braces and strings; a character that cannot appear in
 * JSON outside a string (log text) abandons every brace still open, which is
 * how stray text such as a lone `{` is skipped. Each outermost balanced
 * `{…}` is a document and must itself be valid JSON.
 */
export interface JsonSpan {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Characters JSON allows outside strings within a document: structure, numbers, and letters of true/false/null. */
const STRUCTURAL = new Set([...' \t\r\n{}[]:,-+.0123456789eEtrufalsn']);

/** Deeper than this, the braces are abandoned as if they were log text (documents are parsed with the same bound). */
export const MAX_STREAM_NESTING = 256;

export function findJsonObjectSpans(text: string): JsonSpan[] {
  const spans: JsonSpan[] = [];
  const openBraces: number[] = [];
  let inString = false;
  for (let offset = 0; offset < text.length; offset += 1) {
    const character = text[offset];
    if (openBraces.length === 0) {
      if (character === '{') openBraces.push(offset);
      continue;
    }
    if (inString) {
      if (character === '\\') offset += 1;
      else if (character === '"') inString = false;
      else if (character === '\n') openBraces.length = 0; // JSON strings never span lines: this was text
      if (openBraces.length === 0) inString = false;
      continue;
    }
    if (character === '"') {
      inString = true;
    } else if (character === '{') {
      if (openBraces.length >= MAX_STREAM_NESTING) openBraces.length = 0;
      else openBraces.push(offset);
    } else if (character === '}') {
      const start = openBraces.pop()!;
      // Spans closed earlier inside this one are its members, not documents.
      while (spans.length > 0 && spans[spans.length - 1].start > start) spans.pop();
      spans.push({ start, end: offset + 1 });
    } else if (!STRUCTURAL.has(character)) {
      openBraces.length = 0;
    }
  }
  return spans;
}
