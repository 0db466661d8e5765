/**
 * Checks a rendered object's fields against the Kubernetes API types
 * @kubernetes/client-node generates from the OpenAPI spec (each model's
 * attribute map: JSON name and type): every field must exist in its type and
 * hold the right JSON kind, so a misspelt or misplaced field fails here
 * rather than at `kubectl apply`. The models are imported one file each: the
 * package's entry point pulls in an HTTP client that does not load on Node 20.
 * Custom resources (ServiceMonitor) have no model and are not checked. One
 * strictness beyond the API server: quantities are string-typed in the models,
 * so they must be quoted (`cpu: "2"`), as kubectl's own output writes them.
 */
import type { KubeObject } from './kustomize.js';

interface Attribute {
  readonly baseName: string;
  readonly type: string;
}

const MODELS = new URL('../../../node_modules/@kubernetes/client-node/dist/gen/models/', import.meta.url);
const ROOT_TYPES: Readonly<Record<string, string>> = {
  'v1/Namespace': 'V1Namespace',
  'v1/ServiceAccount': 'V1ServiceAccount',
  'v1/Service': 'V1Service',
  'apps/v1/Deployment': 'V1Deployment',
  'batch/v1/Job': 'V1Job',
  'policy/v1/PodDisruptionBudget': 'V1PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler': 'V2HorizontalPodAutoscaler',
  'networking.k8s.io/v1/NetworkPolicy': 'V1NetworkPolicy',
  'networking.k8s.io/v1/Ingress': 'V1Ingress',
};

const attributeMaps = new Map<string, Promise<readonly Attribute[]>>();

function attributesOf(type: string): Promise<readonly Attribute[]> {
  let attributes = attributeMaps.get(type);
  if (!attributes) {
    attributes = import(new URL(`${type}.js`, MODELS).href).then(
      (module: Record<string, { getAttributeTypeMap(): Attribute[] }>) => module[type].getAttributeTypeMap(),
    );
    attributeMaps.set(type, attributes);
  }
  return attributes;
}

const PRIMITIVE_KINDS: Readonly<Record<string, readonly string[]>> = {
  string: ['string'],
  number: ['number'],
  boolean: ['boolean'],
  Date: ['string'],
  IntOrString: ['string', 'number'],
  any: ['string', 'number', 'boolean', 'object'],
  object: ['object'],
};

async function check(value: unknown, type: string, path: string, problems: string[]): Promise<void> {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    if (!Array.isArray(value)) return void problems.push(`${path}: expected a list`);
    for (const [index, item] of value.entries()) await check(item, array[1], `${path}[${index}]`, problems);
    return;
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${path}: expected a map`);
    for (const [key, item] of Object.entries(value)) await check(item, map[1], `${path}.${key}`, problems);
    return;
  }
  const primitive = PRIMITIVE_KINDS[type];
  if (primitive) {
    if (!primitive.includes(typeof value)) problems.push(`${path}: expected ${type}, got ${JSON.stringify(value)}`);
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${path}: expected an object (${type})`);
  const attributes = await attributesOf(type);
  for (const [key, item] of Object.entries(value)) {
    const attribute = attributes.find((candidate) => candidate.baseName === key);
    if (!attribute) problems.push(`${path}.${key}: not a field of ${type}`);
    else await check(item, attribute.type, `${path}.${key}`, problems);
  }
}

/** Problems with the object's fields, or undefined when its kind has no model here (a custom resource). */
export async function schemaProblems(object: KubeObject): Promise<string[] | undefined> {
  const type = ROOT_TYPES[`${object.apiVersion}/${object.kind}`];
  if (type === undefined) return undefined;
  const problems: string[] = [];
  await check(object, type, `${object.kind}/${object.metadata.name}`, problems);
  return problems;
}
