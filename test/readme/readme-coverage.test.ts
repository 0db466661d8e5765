/**
 * Every command in the README is run by a test: each command block (shell, or a CI step's `run:`)
 * carries a `<!-- readme-test: NAME -->` marker, and some test under test/ reads it with
 * `readmeBlock('NAME')` and runs it. A command block added without a test fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { coverageProblems, isCommandBlock, markdownBlocks, readmeText, REPOSITORY_ROOT } from '../support/readme-blocks.js';

function testSources(): Map<string, string> {
  const sources = new Map<string, string>();
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      // This file names blocks only in its own made-up README.
      else if (entry.name.endsWith('.test.ts') && path !== fileURLToPath(import.meta.url)) sources.set(relative(REPOSITORY_ROOT, path), readFileSync(path, 'utf8'));
    }
  };
  walk(join(REPOSITORY_ROOT, 'test'));
  return sources;
}

describe("the README's commands", () => {
  it('every command block is marked and read by a test that runs it', () => {
    const blocks = markdownBlocks(readmeText()).filter(isCommandBlock);
    expect(blocks.length).toBeGreaterThan(10);
    expect(coverageProblems(readmeText(), testSources())).toEqual([]);
  });

  it('reports a command block added without a marker, a marker no test reads, and a test reading a missing block', () => {
    const markdown = [
      '<!-- readme-test: known -->', '```sh', 'podplan topology list', '```',
      '```bash', 'curl -sS localhost:3000/healthz', '```',
      '<!-- readme-test: unread -->', '```sh', 'podplan simulate -f cluster.json', '```',
      '```yaml', '- name: plan', '  run: npx podplan simulate -f cluster.json', '```',
      '```json', '{ "not": "a command" }', '```',
    ].join('\n');
    const sources = new Map([['test/a.test.ts', "readmeBlock('known'); readmeBlock('gone')"]]);
    expect(coverageProblems(markdown, sources)).toEqual([
      'README.md:5: a bash block without a <!-- readme-test: NAME --> marker',
      "README.md:9: no test reads readmeBlock('unread')",
      'README.md:12: a yaml block without a <!-- readme-test: NAME --> marker',
      "test/a.test.ts: readmeBlock('gone') names no README block",
    ]);
  });
});
