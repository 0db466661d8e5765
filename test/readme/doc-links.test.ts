/**
 * Links in README.md and docs/*.md lead somewhere: every relative link and image names a file of the
 * repository, and every `#anchor` a heading of its target, slugged as GitHub slugs headings. The README
 * points at docs/ for what moved there, so a renamed heading or file breaks a test, not a reader's click.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_ROOT } from '../support/readme-blocks.js';

/** GitHub's heading ids: lower case, punctuation but `-` and `_` dropped, spaces to `-`, repeats numbered. */
function headingSlugs(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const counts = new Map<string, number>();
  let fence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const heading = fence ? null : /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const base = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-');
    const seen = counts.get(base) ?? 0;
    counts.set(base, seen + 1);
    slugs.add(seen === 0 ? base : `${base}-${seen}`);
  }
  return slugs;
}

/** `[text](target)` and `![alt](target)` outside code, with their line. */
function links(markdown: string): { target: string; line: number }[] {
  const found: { target: string; line: number }[] = [];
  let fence = false;
  markdown.split('\n').forEach((line, index) => {
    if (line.startsWith('```')) fence = !fence;
    if (fence) return;
    const prose = line.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) found.push({ target: match[1], line: index + 1 });
  });
  return found;
}

const documents = ['README.md', ...readdirSync(join(REPOSITORY_ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

describe('documentation links', () => {
  it('slugs headings as GitHub does', () => {
    expect([...headingSlugs('# Scheduling engine\n## The pipeline (`src/pipeline`)\n## Modes\n## Modes\n```\n# not a heading\n```')]).toEqual([
      'scheduling-engine',
      'the-pipeline-srcpipeline',
      'modes',
      'modes-1',
    ]);
  });

  it.each(documents)('%s: every relative link and anchor resolves', (document) => {
    const path = join(REPOSITORY_ROOT, document);
    const text = readFileSync(path, 'utf8');
    const broken: string[] = [];
    for (const { target, line } of links(text)) {
      if (/^[a-z]+:/i.test(target)) continue;
      const [file, anchor] = target.split('#');
      const destination = file === '' ? path : resolve(dirname(path), decodeURIComponent(file));
      if (!existsSync(destination)) {
        broken.push(`${document}:${line}: ${target} (no ${relative(REPOSITORY_ROOT, destination)})`);
        continue;
      }
      if (anchor !== undefined && destination.endsWith('.md') && !headingSlugs(readFileSync(destination, 'utf8')).has(anchor)) {
        broken.push(`${document}:${line}: ${target} (no heading #${anchor})`);
      }
    }
    expect(broken).toEqual([]);
  });
});
