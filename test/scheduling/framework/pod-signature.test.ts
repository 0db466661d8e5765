/**
 * The node-result memo's pod signature (framework/node-result-memo.ts) names
 * what node-local plugins read: pods that differ only in fields none of them
 * reads share results, pods that differ in a field one reads do not.
 */
import { describe, expect, it } from 'vitest';
import { podSignature } from '../../../src/scheduling/framework/node-result-memo.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { makePod } from '../../support/builders.js';

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

const signature = (build: (name: string) => ReturnType<typeof makePod>, name: string) => podSignature(buildPodInfo(build(name).obj()));
const plain = (name: string) => makePod(name).label('app', name).req({ cpu: '100m', memory: '500Mi' });

describe('podSignature', () => {
  it('is shared by pods that differ only in labels, pod (anti-)affinity, spreading and volumes', () => {
    const base = signature(plain, 'a');
    expect(signature((name) => plain(name).podAntiAffinity(HOSTNAME, { app: name }), 'b')).toBe(base);
    expect(signature((name) => plain(name).podAffinity(ZONE, { app: 'db' }), 'c')).toBe(base);
    expect(signature((name) => plain(name).preferredPodAntiAffinity(3, ZONE, { app: name }), 'd')).toBe(base);
    expect(signature((name) => plain(name).spreadConstraint(1, ZONE, 'DoNotSchedule', { matchLabels: { app: name } }), 'e')).toBe(base);
    expect(signature((name) => plain(name).volume({ name: 'data', persistentVolumeClaim: { claimName: `data-${name}` } }), 'f')).toBe(base);
  });

  it('differs when a field a node-local plugin reads differs', () => {
    const base = signature(plain, 'a');
    expect(signature((name) => makePod(name).req({ cpu: '200m', memory: '500Mi' }), 'b')).not.toBe(base);
    expect(signature((name) => plain(name).nodeAffinityIn('pool', ['batch']), 'c')).not.toBe(base);
    // Node affinity is kept beside pod anti-affinity.
    expect(signature((name) => plain(name).nodeAffinityIn('pool', ['batch']).podAntiAffinity(HOSTNAME, { app: name }), 'd')).toBe(
      signature((name) => plain(name).nodeAffinityIn('pool', ['batch']), 'e'),
    );
    expect(signature((name) => plain(name).nodeSelector({ pool: 'batch' }), 'f')).not.toBe(base);
    expect(signature((name) => plain(name).toleration({ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }), 'g')).not.toBe(base);
    expect(signature((name) => plain(name).hostPort(8080), 'h')).not.toBe(base);
    expect(signature((name) => plain(name).namespace('other'), 'i')).not.toBe(base);
  });
});
