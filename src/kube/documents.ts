/**
 * Kubernetes objects as people paste them: JSON (one object, an array, or a
 * `kubectl cluster-info dump` stream) or multi-document YAML. Turns text into
 * plain documents; what the documents mean is the importer's business.
 */
import { parseAllDocuments } from 'yaml';
import { findDocumentFault } from './document-faults.js';
import { InvalidInputError } from './field-error.js';
import { findJsonSyntaxProblem } from './json-syntax.js';
import { findJsonObjectSpans } from './json-stream.js';
import { positionOf } from './text-position.js';
import { expansionLimit, measureYamlDocument } from './yaml-expansion.js';

export type DocumentFormat = 'json' | 'yaml';

/**
 * YAML aliases expand on conversion; a few nested anchors can expand to
 * billions of nodes ("billion laughs"). Manifests use aliases rarely, so a
 * small budget refuses bombs without refusing real files. The expanded size
 * is bounded too, before conversion (see yaml-expansion.ts): a few aliases of
 * one huge anchor pass any count.
 */
const MAX_YAML_ALIAS_COUNT = 100;

/** Deepest nesting accepted; real objects (managedFields included) stay far below it. */
export const MAX_DOCUMENT_DEPTH = 100;

/**
 * Parses `text` into documents. A top-level array contributes its items, so
 * `[node, pod]` and `node\n---\npod` give the same result. Empty YAML
 * documents are skipped. Malformed input throws an InvalidInputError at
 * `basePath` whose message names the line and column.
 */
export function parseDocuments(text: string, format: DocumentFormat, basePath = 'body'): unknown[] {
  const documents = format === 'json' ? parseJson(text, basePath) : parseYaml(text, basePath);
  documents.forEach((document, index) => assertDepth(document, `${basePath}[${index}]`));
  return documents;
}

function parseJson(text: string, basePath: string): unknown[] {
  if (text.trim() === '') {
    throw new InvalidInputError([{ path: basePath, message: 'is empty: expected a JSON object or array' }]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return parseJsonStream(text, basePath);
  }
  return topLevelDocuments(value, basePath);
}

/** Only when the whole text is not JSON: several documents with text between them. */
function parseJsonStream(text: string, basePath: string): unknown[] {
  const spans = findJsonObjectSpans(text);
  if (spans.length === 0) throw jsonError(text, 0, basePath);
  return spans.map((span) => {
    const source = text.slice(span.start, span.end);
    try {
      return JSON.parse(source) as unknown;
    } catch {
      throw jsonError(source, span.start, basePath, text);
    }
  });
}

function jsonError(source: string, sourceOffset: number, basePath: string, fullText = source): InvalidInputError {
  const problem = findJsonSyntaxProblem(source) ?? { offset: 0, message: 'not valid JSON' };
  const { line, column } = positionOf(fullText, sourceOffset + problem.offset);
  return new InvalidInputError([{ path: basePath, message: `invalid JSON at line ${line}, column ${column}: ${problem.message}` }]);
}

function parseYaml(text: string, basePath: string): unknown[] {
  const parsed = parseAllDocuments(text);
  let written = 0;
  let expanded = 0;
  for (const document of parsed) {
    const [error] = document.errors;
    if (error) {
      const { line, col } = error.linePos?.[0] ?? { line: 1, col: 1 };
      const reason = error.message.split(' at line ')[0];
      throw new InvalidInputError([{ path: basePath, message: `invalid YAML at line ${line}, column ${col}: ${reason}` }]);
    }
    const size = measureYamlDocument(document);
    written += size.written;
    expanded += size.expanded;
  }
  // Before any document is converted: the size a stream's aliases expand to is bounded, not only how many there are.
  if (expanded > expansionLimit(written)) {
    throw new InvalidInputError([
      {
        path: basePath,
        message:
          `invalid YAML: aliases expand ${written} written nodes to ${expanded}, more than ${expansionLimit(written)} ` +
          '(aliases may add as many nodes as the text writes out, or 100000): write the repeated parts out, or alias smaller anchors',
      },
    ]);
  }
  const documents: unknown[] = [];
  for (const document of parsed) {
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT });
    } catch (conversionError) {
      const reason = conversionError instanceof ReferenceError ? 'too many alias expansions (resource exhaustion guard)' : String(conversionError);
      throw new InvalidInputError([{ path: basePath, message: `invalid YAML: ${reason}` }]);
    }
    if (value === null || value === undefined) continue;
    documents.push(...topLevelDocuments(value, basePath));
  }
  return documents;
}

function topLevelDocuments(value: unknown, basePath: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return [value];
  throw new InvalidInputError([{ path: basePath, message: 'expected a Kubernetes object, a list of objects, or an array' }]);
}

/** Iterative and O(depth) in memory, so a hostile document cannot overflow the stack before the importer walks it recursively. */
function assertDepth(document: unknown, path: string): void {
  // findDocumentFault counts the root as level 0: a container at level MAX_DOCUMENT_DEPTH is the 101st level.
  if (findDocumentFault(document, MAX_DOCUMENT_DEPTH, '', { nulCharacters: false }) !== undefined) {
    throw new InvalidInputError([{ path, message: `nests deeper than ${MAX_DOCUMENT_DEPTH} levels` }]);
  }
}
