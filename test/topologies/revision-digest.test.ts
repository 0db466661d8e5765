/** revisionDigest: equal objects, equal digests, whatever the key order; any change scheduling reads, another digest. */
import { describe, expect, it } from 'vitest';
import { revisionDigest } from '../../src/topologies/domain/revision-digest.js';

const node = { metadata: { name: 'a', labels: { zone: 'x', tier: 'web' } }, status: { allocatable: { cpu: '4', memory: '8Gi' } } };

describe('revisionDigest', () => {
  it('ignores key order and undefined members, as the JSON stored in Postgres does', () => {
    const reordered = { status: { allocatable: { memory: '8Gi', cpu: '4' } }, metadata: { labels: { tier: 'web', zone: 'x' }, name: 'a', uid: undefined } };
    expect(revisionDigest({ nodes: [node] })).toBe(revisionDigest({ nodes: [reordered] }));
    expect(revisionDigest({ nodes: [node] })).toBe(revisionDigest(JSON.parse(JSON.stringify({ nodes: [node] }))));
    expect(revisionDigest({ nodes: [node] })).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('changes with a label, an allocatable amount, or the order of the list', () => {
    const base = revisionDigest({ nodes: [node, { metadata: { name: 'b' } }] });
    expect(revisionDigest({ nodes: [{ ...node, metadata: { ...node.metadata, labels: { zone: 'y', tier: 'web' } } }, { metadata: { name: 'b' } }] })).not.toBe(base);
    expect(revisionDigest({ nodes: [{ ...node, status: { allocatable: { cpu: '8', memory: '8Gi' } } }, { metadata: { name: 'b' } }] })).not.toBe(base);
    expect(revisionDigest({ nodes: [{ metadata: { name: 'b' } }, node] })).not.toBe(base);
  });

  it('tells a string from a number and null from a missing member', () => {
    expect(revisionDigest({ replicas: 1 })).not.toBe(revisionDigest({ replicas: '1' }));
    expect(revisionDigest({ a: null })).not.toBe(revisionDigest({}));
  });
});
