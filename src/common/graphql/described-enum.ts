/**
 * Registers a TypeScript enum as a GraphQL enum with a description for the
 * type and one for every value, so an enum file holds only its values and
 * what each means. The value descriptions are keyed by the enum's member
 * names and required for each (a new member without one is a type error).
 */
import { registerEnumType } from '@nestjs/graphql';

export function describedEnum<Values extends object>(
  values: Values,
  name: string,
  description: string,
  valueDescriptions: { readonly [Member in keyof Values]: string },
): void {
  const valuesMap = Object.fromEntries(Object.entries(valueDescriptions).map(([member, said]) => [member, { description: said as string }])) as {
    readonly [Member in keyof Values]: { readonly description: string };
  };
  registerEnumType(values, { name, description, valuesMap });
}
