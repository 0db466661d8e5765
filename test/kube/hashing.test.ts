import type { V1Deployment, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fnv32a, nameSuffix, podTemplateHash, safeEncodeString, syntheticUid } from '../../src/kube/expansion/hashing.js';
import { readRealdata } from './realdata.js';

describe('hashing for controller-made names', () => {
  // Reference vectors of FNV-1a 32 (the same function as Go's hash/fnv New32a).
  it.each([
    { input: '', hash: 0x811c9dc5 },
    { input: 'a', hash: 0xe40c292c },
    { input: 'foobar', hash: 0xbf9cf968 },
    // Over UTF-8 bytes as TextEncoder writes them: 2, 3 and 4 bytes per character, a lone surrogate as U+FFFD (ef bf bd).
    { input: 'é', hash: 0x1e9de8c1 },
    { input: '€', hash: 0x298f832b },
    { input: '😀', hash: 0x33a29608 },
    { input: '\ud800', hash: 0x03479c4a },
    { input: 'a\udc00b', hash: 0x763177ed },
    { input: 'ß€😀x', hash: 0xb87842fc },
  ])('fnv32a($input)', ({ input, hash }) => expect(fnv32a(input)).toBe(hash));

  it('hashes the UTF-8 bytes TextEncoder writes, whatever the characters', () => {
    const reference = (text: string) => new TextEncoder().encode(text).reduce((hash, byte) => Math.imul(hash ^ byte, 0x01000193) >>> 0, 0x811c9dc5);
    const samples = ['', 'Pod/default/web-7d4b9c-x2x4z', 'ns-ü/ÿ', '\u07ff\u0800\uffff', '\ud83d\ude00\ud83d', '\udbff\udfff', '\udfff\ud800'];
    for (const text of samples) expect(fnv32a(text)).toBe(reference(text));
  });

  it('encodes like rand.SafeEncodeString: digits map into the safe alphabet', () => {
    // Bytes '0'..'9' are 48..57; modulo 27 they pick these letters (apimachinery pkg/util/rand TestSafeEncodeString).
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });

  it('hashes equal templates equally whatever their key order, and different templates differently', () => {
    const template = { metadata: { labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
    const reordered = { spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { tier: 'front', app: 'web' } } };
    expect(canonicalJson(template)).toBe(canonicalJson(reordered));
    expect(podTemplateHash(template)).toBe(podTemplateHash(reordered));
    expect(podTemplateHash(template)).not.toBe(podTemplateHash({ ...template, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } }));
    expect(podTemplateHash(template)).toMatch(/^[456789bcdf]{1,10}$/);
  });

  it('derives 5-character suffixes and UUID-shaped uids deterministically', () => {
    expect(nameSuffix('web-abc/0/0')).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(nameSuffix('web-abc/0/0')).toBe(nameSuffix('web-abc/0/0'));
    expect(nameSuffix('web-abc/0/0')).not.toBe(nameSuffix('web-abc/1/0'));
    expect(syntheticUid('Pod/default/a')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});

// #15 item 8, not closed: podplan's pod-template-hash is not upstream's ComputeHash (FNV-32a over
// go-spew's dump of the typed, defaulted Go PodTemplateSpec). This pins the divergence the README
// states, on a real Deployment/pod pair (k3s v1.33 capture), so the README's example stays true.
describe('pod-template-hash against a real cluster (troubleshoot-k3s-bundle)', () => {
  it('has upstream\'s form but not the controller\'s digits', () => {
    const deployments = JSON.parse(readRealdata('troubleshoot-k3s-bundle/deployments-default.json')) as { items: V1Deployment[] };
    const pods = JSON.parse(readRealdata('troubleshoot-k3s-bundle/pods-default.json')) as { items: V1Pod[] };
    const template = deployments.items.find((deployment) => deployment.metadata?.name === 'cpu-intensive-app')!.spec!.template;
    const clusterHashes = new Set(
      pods.items.filter((pod) => pod.metadata?.name?.startsWith('cpu-intensive-app-')).map((pod) => pod.metadata!.labels!['pod-template-hash']),
    );
    expect([...clusterHashes]).toEqual(['7bcfc5d944']);
    expect(podTemplateHash(template)).toBe('68f9544749');
  });
});
