/**
 * Terse fixtures for InterPodAffinity tables, shaped like upstream's
 * (st.MakePod().PodAffinityIn(...), createPodWithAffinityTerms): label
 * selector expressions, terms, and pods/nodes built on the shared builders.
 *
 * Upstream's tests leave namespaces empty (""), which the API server would
 * default; ours default to "default", so an upstream "" reads "default" here.
 */
import type {
  V1Affinity,
  V1LabelSelectorRequirement,
  V1Node,
  V1Pod,
  V1PodAffinityTerm,
  V1WeightedPodAffinityTerm,
} from '@kubernetes/client-node';
import { Code, type Status } from '../../../../src/scheduling/framework/status.js';
import { makeNamespace, makeNode, makePod } from '../../../support/builders.js';

export const inValues = (key: string, ...values: string[]): V1LabelSelectorRequirement => ({ key, operator: 'In', values });
export const notIn = (key: string, ...values: string[]): V1LabelSelectorRequirement => ({ key, operator: 'NotIn', values });
export const exists = (key: string): V1LabelSelectorRequirement => ({ key, operator: 'Exists' });
export const doesNotExist = (key: string): V1LabelSelectorRequirement => ({ key, operator: 'DoesNotExist' });

/** A term selecting pods by `expressions`; an empty topologyKey stands for upstream's unset one. */
export function term(
  topologyKey: string,
  expressions: V1LabelSelectorRequirement[],
  extra: Partial<V1PodAffinityTerm> = {},
): V1PodAffinityTerm {
  return { labelSelector: { matchExpressions: expressions }, topologyKey, ...extra };
}

export const weighted = (weight: number, podAffinityTerm: V1PodAffinityTerm): V1WeightedPodAffinityTerm => ({
  weight,
  podAffinityTerm,
});

export interface AffinityTerms {
  readonly required?: V1PodAffinityTerm[];
  readonly preferred?: V1WeightedPodAffinityTerm[];
  readonly antiRequired?: V1PodAffinityTerm[];
  readonly antiPreferred?: V1WeightedPodAffinityTerm[];
}

export function affinity(terms: AffinityTerms): V1Affinity {
  const result: V1Affinity = {};
  if (terms.required || terms.preferred) {
    result.podAffinity = {
      ...(terms.required ? { requiredDuringSchedulingIgnoredDuringExecution: terms.required } : {}),
      ...(terms.preferred ? { preferredDuringSchedulingIgnoredDuringExecution: terms.preferred } : {}),
    };
  }
  if (terms.antiRequired || terms.antiPreferred) {
    result.podAntiAffinity = {
      ...(terms.antiRequired ? { requiredDuringSchedulingIgnoredDuringExecution: terms.antiRequired } : {}),
      ...(terms.antiPreferred ? { preferredDuringSchedulingIgnoredDuringExecution: terms.antiPreferred } : {}),
    };
  }
  return result;
}

export interface PodFixture {
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly node?: string;
  readonly affinity?: V1Affinity;
}

export function pod(name: string, fixture: PodFixture = {}): V1Pod {
  const builder = makePod(name).labels(fixture.labels ?? {});
  if (fixture.namespace) builder.namespace(fixture.namespace);
  if (fixture.node) builder.node(fixture.node);
  const built = builder.obj();
  if (fixture.affinity) built.spec!.affinity = structuredClone(fixture.affinity);
  return built;
}

export const node = (name: string, labels: Record<string, string> = {}): V1Node => makeNode(name).labels(labels).obj();

/** Upstream scoring_test.go `namespaces`: two teams of two namespaces each. */
export const teamNamespaces = [
  makeNamespace('subteam1.team1', { team: 'team1' }),
  makeNamespace('subteam2.team1', { team: 'team1' }),
  makeNamespace('subteam1.team2', { team: 'team2' }),
  makeNamespace('subteam2.team2', { team: 'team2' }),
];

/** What a table asserts of a status: its code and upstream's exact reasons. */
export interface StatusShape {
  readonly code: Code;
  readonly reasons: readonly string[];
}

export const unresolvable = (reason: string): StatusShape => ({ code: Code.UnschedulableAndUnresolvable, reasons: [reason] });
export const unschedulable = (reason: string): StatusShape => ({ code: Code.Unschedulable, reasons: [reason] });
export const skip: StatusShape = { code: Code.Skip, reasons: [] };

export function shapeOf(status: Status | null): StatusShape | null {
  return status === null ? null : { code: status.code, reasons: [...status.reasons] };
}
