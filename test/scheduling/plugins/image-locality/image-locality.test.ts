/**
 * ImageLocality, ported from upstream
 * pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go
 * TestImageLocalityPriority (the current table: 4000 MB images, several
 * large and small images, init containers) and TestNormalizedImageName (with
 * the digest case).
 */
import { createHash } from 'node:crypto';
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

const image = (names: string[], size: number): [string[], number] => [names, size * mb];
const imageNode = (name: string, images: [string[], number][]): V1Node => {
  const builder = makeNode(name);
  for (const [names, size] of images) builder.image(names, size);
  return builder.obj();
};

// upstream image_locality_test.go fixtures.
const node403002000 = [image(['gcr.io/40:latest', 'gcr.io/40:v1', 'gcr.io/40:v1'], 40), image(['gcr.io/300:latest', 'gcr.io/300:v1'], 300), image(['gcr.io/2000:latest'], 2000)];
const node25010 = [image(['gcr.io/250:latest'], 250), image(['gcr.io/10:latest', 'gcr.io/10:v1'], 10)];
const node60040900 = [image(['gcr.io/600:latest'], 600), image(['gcr.io/40:latest'], 40), image(['gcr.io/900:latest'], 900)];
const node300600900 = [image(['gcr.io/300:latest'], 300), image(['gcr.io/600:latest'], 600), image(['gcr.io/900:latest'], 900)];
const node400030 = [image(['gcr.io/4000:latest'], 4000), image(['gcr.io/30:latest'], 30)];
const node203040 = [image(['gcr.io/20:latest'], 20), image(['gcr.io/30:latest'], 30), image(['gcr.io/40:latest'], 40)];
const nodeWithNoImages: [string[], number][] = [];

// upstream TestImageLocalityPriority, the current table (maxThreshold = 1000 MiB × containers, init containers included).
describe('ImageLocality: TestImageLocalityPriority', () => {
  it.each([
    {
      // node2: 100 × (250M/2 − 23M) / (1000M × 2 − 23M) = 5
      name: 'two images spread on two nodes, prefer the larger image one',
      pod: podWithImages(['gcr.io/40', 'gcr.io/250']),
      nodes: [imageNode('node1', node403002000), imageNode('node2', node25010)],
      expected: { node1: 0, node2: 5 },
    },
    {
      name: 'two images on one node, prefer this node',
      pod: podWithImages(['gcr.io/40', 'gcr.io/300']),
      nodes: [imageNode('node1', node403002000), imageNode('node2', node25010)],
      expected: { node1: 7, node2: 0 },
    },
    {
      // 4000M × 1/2 ≥ 1000M × 2: the maximum
      name: 'if exceed limit, use limit',
      pod: podWithImages(['gcr.io/10', 'gcr.io/4000']),
      nodes: [imageNode('node1', node400030), imageNode('node2', node25010)],
      expected: { node1: 100, node2: 0 },
    },
    {
      name: 'if exceed limit, use limit (with node which has no images present)',
      pod: podWithImages(['gcr.io/10', 'gcr.io/4000']),
      nodes: [imageNode('node1', node400030), imageNode('node2', node25010), imageNode('node3', nodeWithNoImages)],
      expected: { node1: 66, node2: 0, node3: 0 },
    },
    {
      name: 'pod with multiple large images, node2 is preferred',
      pod: podWithImages(['gcr.io/300', 'gcr.io/600', 'gcr.io/900']),
      nodes: [imageNode('node1', node60040900), imageNode('node2', node300600900), imageNode('node3', nodeWithNoImages)],
      expected: { node1: 32, node2: 36, node3: 0 },
    },
    {
      name: 'pod with multiple small images',
      pod: podWithImages(['gcr.io/30', 'gcr.io/40']),
      nodes: [imageNode('node1', node203040), imageNode('node2', node400030)],
      expected: { node1: 1, node2: 0 },
    },
    {
      name: 'include InitContainers: two images spread on two nodes, prefer the larger image one',
      pod: podWithImages(['gcr.io/30'], ['gcr.io/300']),
      nodes: [imageNode('node1', node403002000), imageNode('node2', node203040)],
      expected: { node1: 6, node2: 0 },
    },
  ])('$name', ({ pod, nodes, expected }) => {
    const run = runScorePlugin(imageLocality(undefined), pod, clusterOf(nodes));
    expect(run.preScore).toBeNull();
    expect(run.raw).toEqual(expected);
    expect(run.normalized).toEqual(expected);
  });

  it('spreads over every node of the cluster, not only the feasible ones', () => {
    const nodes = [imageNode('machine1', node403002000), imageNode('machine2', node403002000), imageNode('machine3', node25010)];
    // gcr.io/2000 is on 2 of 3 nodes: 2000M × 2/3 = 1333M ≥ 1000M × 1 container → 100.
    const run = runScorePlugin(imageLocality(undefined), podWithImages(['gcr.io/2000']), clusterOf(nodes), ['machine1']);
    expect(run.raw).toEqual({ machine1: 100 });
  });
});

/** upstream getImageFakeDigest. */
const fakeDigest = (content: string) => `sha256:${createHash('sha256').update(content).digest('hex')}`;

// upstream TestNormalizedImageName.
describe('ImageLocality: TestNormalizedImageName', () => {
  it.each([
    { name: 'add :latest postfix 1', input: 'root', output: 'root:latest' },
    { name: 'add :latest postfix 2', input: 'gcr.io:5000/root', output: 'gcr.io:5000/root:latest' },
    { name: 'keep it as is 1', input: 'root:tag', output: 'root:tag' },
    { name: 'keep it as is 2', input: `root@${fakeDigest('root')}`, output: `root@${fakeDigest('root')}` },
  ])('$name', ({ input, output }) => expect(normalizedImageName(input)).toBe(output));
});
