/**
 * The rooms of src/ and the one direction imports go: a room imports only
 * rooms listed before it, and no file imports itself back through others.
 * Reads every relative import (static, `export … from`, dynamic) under src/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCE = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * Lowest first. A room is a folder under src/ (files directly under src/ are
 * the room `(root)`: the application and process entry points).
 */
const ROOM_ORDER = [
  'kube', // Kubernetes objects in: parsing, validation, field errors
  'config', // the typed configuration
  'common', // errors, pagination, document checks, security primitives
  'scheduling', // the pure engine: framework, plugins, planner
  'simulation', // a request → the contract's result; scenario edits
  'what-if', // the analyses, pure
  'engine', // threads, engine tasks, indexed-cluster cache, bounds — no HTTP, teams or queue
  'auth',
  'observability', // metrics, logs and traces; its /metrics route checks roles (auth)
  'topologies',
  'database',
  'pipeline', // parse → limits → load → run → store, one entry per kind of request
  'plans',
  'analyses',
  'jobs', // the queue adapter: queued plan ids → the pipeline's run-and-store step
  'health',
  'web',
  '(root)',
  'cli',
] as const;

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function roomOf(file: string): string {
  const parts = relative(SOURCE, file).split('/');
  return parts.length === 1 ? '(root)' : parts[0];
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

/** file (relative to src/) → the src/ files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SOURCE)) {
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const target = resolve(dirname(file), (match[1] ?? match[2]).replace(/\.js$/, '.ts'));
      if (target.startsWith(SOURCE)) targets.push(relative(SOURCE, target));
    }
    graph.set(relative(SOURCE, file), targets);
  }
  return graph;
}

/** Strongly connected components of more than one file (Tarjan), or a file importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the import graph of src/', () => {
  const graph = importGraph();

  it('reads a real tree: every room exists and every file belongs to a listed room', () => {
    expect(graph.size).toBeGreaterThan(300);
    const rooms = new Set([...graph.keys()].map((file) => roomOf(join(SOURCE, file))));
    expect([...rooms].filter((room) => !(ROOM_ORDER as readonly string[]).includes(room))).toEqual([]);
    expect(ROOM_ORDER.filter((room) => !rooms.has(room))).toEqual([]);
  });

  it('has no import from a room to a room above it', () => {
    const rank = (room: string) => (ROOM_ORDER as readonly string[]).indexOf(room);
    const upward: string[] = [];
    for (const [file, targets] of graph) {
      const from = roomOf(join(SOURCE, file));
      for (const target of targets) {
        const to = roomOf(join(SOURCE, target));
        if (rank(to) > rank(from)) upward.push(`${file} (${from}) → ${target} (${to})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('has no cycle between files', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('would catch an upward edge and a cycle (the checks themselves)', () => {
    const tiny = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts']],
      ['c.ts', []],
    ]);
    expect(cycles(tiny)).toEqual([['a.ts', 'b.ts']]);
  });
});
