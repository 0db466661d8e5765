/**
 * The README's fenced blocks, and the command blocks among them. Every command block is marked
 * `<!-- readme-test: NAME -->` on the line before its fence, and the test that runs it reads it with
 * `readmeBlock('NAME')`, so the README shows only commands a test has run as written
 * (test/readme/readme-coverage.test.ts fails on a command block nothing reads).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const README_PATH = resolve(REPOSITORY_ROOT, 'README.md');

/** Fence languages whose blocks are commands to type. */
const SHELL_LANGUAGES = new Set(['sh', 'bash', 'shell', 'console', 'zsh']);

export interface MarkdownBlock {
  /** The `readme-test` marker on the line before the fence, if any. */
  readonly name: string | undefined;
  readonly language: string;
  readonly text: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

const MARKER = /^<!-- readme-test: ([a-z0-9-]+) -->$/;

export function markdownBlocks(markdown: string): MarkdownBlock[] {
  const lines = markdown.split('\n');
  const blocks: MarkdownBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^```(\S*)\s*$/.exec(lines[index]);
    if (!open) continue;
    const close = lines.findIndex((line, at) => at > index && line.startsWith('```'));
    if (close < 0) throw new Error(`README.md:${index + 1}: a fence that never closes`);
    const name = index > 0 ? MARKER.exec(lines[index - 1])?.[1] : undefined;
    blocks.push({ name, language: open[1], text: lines.slice(index + 1, close).join('\n'), line: index + 1 });
    index = close;
  }
  return blocks;
}

/** A shell block, or a CI step (YAML with a `run:` key): something a reader runs. */
export function isCommandBlock(block: MarkdownBlock): boolean {
  return SHELL_LANGUAGES.has(block.language) || (/^ya?ml$/.test(block.language) && /^\s*-?\s*run:/m.test(block.text));
}

export function readmeText(): string {
  return readFileSync(README_PATH, 'utf8');
}

/** The text of the README block marked `<!-- readme-test: NAME -->`. */
export function readmeBlock(name: string): string {
  const block = markdownBlocks(readmeText()).find((candidate) => candidate.name === name);
  if (block === undefined) throw new Error(`README.md has no block marked <!-- readme-test: ${name} -->`);
  return block.text;
}

/** The README's text from `heading` to the next heading of the same or a higher level, whitespace collapsed (for prose checks). */
export function readmeSection(heading: string): string {
  const text = readmeText();
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README.md has no heading ${heading}`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = text.slice(start + heading.length + 2);
  const end = rest.search(new RegExp(`\\n#{1,${level}} `));
  return (end < 0 ? rest : rest.slice(0, end)).replace(/\s+/g, ' ');
}

/** `readmeBlock('…')` calls in a test source. */
export function blocksReadBy(source: string): string[] {
  return [...source.matchAll(/readmeBlock\(\s*'([a-z0-9-]+)'\s*\)/g)].map((match) => match[1]);
}

/** What is wrong with the README's command blocks, given the sources of the tests: empty when every one is run. */
export function coverageProblems(markdown: string, testSources: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const blocks = markdownBlocks(markdown);
  const readers = new Map<string, string[]>();
  for (const [file, source] of testSources) {
    for (const name of blocksReadBy(source)) readers.set(name, [...(readers.get(name) ?? []), file]);
  }
  const seen = new Set<string>();
  for (const block of blocks) {
    if (block.name !== undefined) {
      if (seen.has(block.name)) problems.push(`README.md:${block.line}: the marker ${block.name} is used twice`);
      seen.add(block.name);
    }
    if (!isCommandBlock(block)) continue;
    if (block.name === undefined) problems.push(`README.md:${block.line}: a ${block.language} block without a <!-- readme-test: NAME --> marker`);
    else if (!readers.has(block.name)) problems.push(`README.md:${block.line}: no test reads readmeBlock('${block.name}')`);
  }
  for (const [name, files] of readers) {
    if (!seen.has(name)) problems.push(`${files.join(', ')}: readmeBlock('${name}') names no README block`);
  }
  return problems;
}
