/**
 * ImageLocality, ported from upstream
 * pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go
 * TestImageLocalityPriority. Expectations follow the current formula
 * (maxThreshold = 1000 MiB × the pod's containers, init containers included).
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { imageLocality } from '../../../../src/scheduling/plugins/image-locality/index.js';
import { normalizedImageName } from '../../../../src/scheduling/plugins/image-locality/normalized-image-name.js';
import { clusterOf, makeNode } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';

const mb = 1024 * 1024;

function podWithImages(images: string[], initImages: string[] = []): V1Pod {
  return {
    metadata: { name: 'p', namespace: 'default' },
    spec: {
      containers: images.map((image, index) => ({ name: `c${index}`, image })),
      ...(initImages.length ? { initContainers: initImages.map((image, index) => ({ name: `i${index}`, image })) } : {}),
    },
  };
}

const node403002000 = (name: string): V1Node =>
  makeNode(name)
    .image(['gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'], 40 * mb)
    .image(['gcr.io/300:latest', 'gcr.io/300:v1'], 300 * mb)
    .image(['gcr.io/2000:latest'], 2000 * mb)
    .obj();
const node25010 = (name: string): V1Node =>
  makeNode(name)
    .image(['gcr.io/250:latest'], 250 * mb)
    .image(['gcr.io/10:latest', 'gcr.io/10:v1'], 10 * mb)
    .obj();

const test40250 = () => podWithImages(['gcr.io/40', 'gcr.io/250']);
const test40300 = () => podWithImages(['gcr.io/40', 'gcr.io/300']);
const testMinMax = () => podWithImages(['gcr.io/10', 'gcr.io/2000']);

describe('ImageLocality: TestImageLocalityPriority', () => {
  it.each([
    {
      // machine1: 40M × 1/2 = 20M < 23M → 0; machine2: 100 × (250M/2 − 23M) / (2000M − 23M) = 5
      name: 'two images spread on two nodes, prefer the larger image one',
      pod: test40250(),
      nodes: [node403002000('machine1'), node25010('machine2')],
      expected: { machine1: 0, machine2: 5 },
    },
    {
      // machine1: 100 × ((40M + 300M)/2 − 23M) / (2000M − 23M) = 7
      name: 'two images on one node, prefer this node',
      pod: test40300(),
      nodes: [node403002000('machine1'), node25010('machine2')],
      expected: { machine1: 7, machine2: 0 },
    },
    {
      // machine1: 100 × (2000M/2 − 23M) / (2000M − 23M) = 49; machine2: 10M/2 < 23M → 0
      name: 'if exceed limit, use limit',
      pod: testMinMax(),
      nodes: [node403002000('machine1'), node25010('machine2')],
      expected: { machine1: 49, machine2: 0 },
    },
    {
      // machine1: 100 × (2000M/3 − 23M) / (2000M − 23M) = 32
      name: 'if exceed limit, use limit (with node which has no images present)',
      pod: testMinMax(),
      nodes: [node403002000('machine1'), node25010('machine2'), makeNode('machine3').obj()],
      expected: { machine1: 32, machine2: 0, machine3: 0 },
    },
    {
      // Init containers count too: 3 containers, 100 × ((40M + 300M + 2000M)/2 − 23M) / (3000M − 23M) = 38
      name: 'init container images count, and raise the maximum',
      pod: podWithImages(['gcr.io/40', 'gcr.io/300'], ['gcr.io/2000']),
      nodes: [node403002000('machine1'), node25010('machine2')],
      expected: { machine1: 38, machine2: 0 },
    },
  ])('$name', ({ pod, nodes, expected }) => {
    const run = runScorePlugin(imageLocality(undefined), pod, clusterOf(nodes));
    expect(run.preScore).toBeNull();
    expect(run.raw).toEqual(expected);
    expect(run.normalized).toEqual(expected);
  });

  it('spreads over every node of the cluster, not only the feasible ones', () => {
    const nodes = [node403002000('machine1'), node403002000('machine2'), node25010('machine3')];
    // gcr.io/2000 is on 2 of 3 nodes: 2000M × 2/3 = 1333M ≥ 1000M × 1 container → 100.
    const run = runScorePlugin(imageLocality(undefined), podWithImages(['gcr.io/2000']), clusterOf(nodes), ['machine1']);
    expect(run.raw).toEqual({ machine1: 100 });
  });
});

describe('ImageLocality: normalizedImageName', () => {
  it.each([
    ['nginx', 'nginx:latest'],
    ['nginx:1.25', 'nginx:1.25'],
    ['registry.example:5000/team/app', 'registry.example:5000/team/app:latest'],
    ['registry.example:5000/team/app:v2', 'registry.example:5000/team/app:v2'],
    ['docker.io/library/nginx', 'docker.io/library/nginx:latest'],
  ])('%s → %s', (name, want) => expect(normalizedImageName(name)).toBe(want));
});
