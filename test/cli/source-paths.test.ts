/** Paths into the list the engine saw, rewritten into the user's files. */
import { describe, expect, it } from 'vitest';
import { listPositions, rewritePath, singleObject } from '../../src/cli/input/source-paths.js';

const rewrites = [
  listPositions('workloads', ['web.yaml[0]', 'dump.json[0].items[3]'], 'the workloads'),
  singleObject('schedulerConfig', 'scheduler.yaml'),
];

describe('rewritePath', () => {
  const cases: [string, string][] = [
    ['workloads[0].spec.replicas', 'web.yaml[0].spec.replicas'],
    ['workloads[1].metadata.labels[app.kubernetes.io/name]', 'dump.json[0].items[3].metadata.labels[app.kubernetes.io/name]'],
    ['workloads[1]', 'dump.json[0].items[3]'],
    ['workloads', 'the workloads'],
    ['schedulerConfig.profiles[0].plugins', 'scheduler.yaml: profiles[0].plugins'],
    ['schedulerConfig', 'scheduler.yaml'],
    // Positions the list does not have, and other roots, are left as they are rather than guessed.
    ['workloads[7].spec', 'workloads[7].spec'],
    ['workloadsExtra[0]', 'workloadsExtra[0]'],
    ['revision', 'revision'],
  ];

  it.each(cases)('%s → %s', (path, expected) => {
    expect(rewritePath(path, rewrites)).toBe(expected);
  });
});
