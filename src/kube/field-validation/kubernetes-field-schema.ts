/**
 * The fields every Kubernetes kind declares, derived from the OpenAPI models
 * @kubernetes/client-node generates (each model class's `attributeTypeMap`:
 * JSON name and type of every field). Nothing here is written by hand, so a
 * newer client brings newer fields.
 *
 * The models are loaded on first use (several hundred modules; a command
 * that submits no objects does not pay for them).
 */

/** One declared field: its JSON name and its type as the generator spells it. */
interface ModelAttribute {
  readonly baseName: string;
  readonly type: string;
}

interface ModelClass {
  getAttributeTypeMap(): readonly ModelAttribute[];
}

/** How a value of a declared type is walked. */
export type FieldType =
  | { readonly kind: 'object'; readonly model: string }
  | { readonly kind: 'array'; readonly items: FieldType }
  | { readonly kind: 'map'; readonly values: FieldType }
  | { readonly kind: 'leaf' };

const ARRAY_TYPE = /^Array<(.+)>$/;
const MAP_TYPE = /^\{ \[key: string\]: (.+); \}$/;
const LEAF: FieldType = { kind: 'leaf' };

export class KubernetesFieldSchema {
  private readonly fieldsByModel = new Map<string, ReadonlyMap<string, FieldType>>();

  constructor(private readonly models: Readonly<Record<string, unknown>>) {}

  /**
   * The model of a top-level object, by its apiVersion and kind: the
   * generator prefixes the group when two groups share a kind name
   * (`ResourceV1ResourceClaim`, `CoreV1Event`), otherwise not (`V1Deployment`).
   */
  modelOfKind(apiVersion: string, kind: string): string | undefined {
    const slash = apiVersion.indexOf('/');
    const group = slash === -1 ? '' : apiVersion.slice(0, slash);
    const version = slash === -1 ? apiVersion : apiVersion.slice(slash + 1);
    if (!/^v\d+((alpha|beta)\d+)?$/.test(version)) return undefined;
    const versionPart = version[0].toUpperCase() + version.slice(1);
    const groupPart = group === '' ? 'Core' : group.split('.')[0].replace(/^./, (first) => first.toUpperCase());
    return [`${groupPart}${versionPart}${kind}`, `${versionPart}${kind}`].find((name) => this.isModel(name));
  }

  /** The declared fields of a model, by JSON name. */
  fieldsOf(model: string): ReadonlyMap<string, FieldType> {
    let fields = this.fieldsByModel.get(model);
    if (!fields) {
      const attributes = (this.models[model] as ModelClass).getAttributeTypeMap();
      fields = new Map(attributes.map((attribute) => [attribute.baseName, this.typeOf(attribute.type)]));
      this.fieldsByModel.set(model, fields);
    }
    return fields;
  }

  private typeOf(type: string): FieldType {
    const array = ARRAY_TYPE.exec(type);
    if (array) return { kind: 'array', items: this.typeOf(array[1]) };
    const map = MAP_TYPE.exec(type);
    if (map) return { kind: 'map', values: this.typeOf(map[1]) };
    // `string`, `number`, `boolean`, `Date`, `IntOrString`, and `any`/`object` (free-form, e.g. managedFields[].fieldsV1).
    return this.isModel(type) ? { kind: 'object', model: type } : LEAF;
  }

  private isModel(name: string): boolean {
    const candidate: unknown = this.models[name];
    return typeof candidate === 'function' && typeof (candidate as Partial<ModelClass>).getAttributeTypeMap === 'function';
  }
}

let loading: Promise<KubernetesFieldSchema> | undefined;

/** The schema, loaded once per process. */
export function loadKubernetesFieldSchema(): Promise<KubernetesFieldSchema> {
  loading ??= import('@kubernetes/client-node/dist/gen/models/all.js').then((models) => new KubernetesFieldSchema(models as Record<string, unknown>));
  return loading;
}
