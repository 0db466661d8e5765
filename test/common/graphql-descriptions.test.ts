/**
 * Every type, field, input field, argument and enum value of the published schema has a
 * description, so GraphiQL's docs and generated clients explain each one.
 * Reads the committed schema.gql (test/e2e/topologies-graphql.test.ts fails
 * when it is not what the code generates).
 */
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isSpecifiedScalarType, type GraphQLNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';

const schema = buildSchema(readFileSync(new URL('../../schema.gql', import.meta.url), 'utf8'));
const rootTypes = new Set([schema.getQueryType(), schema.getMutationType()].filter((type) => type !== null && type !== undefined));
const ownTypes: GraphQLNamedType[] = Object.values(schema.getTypeMap()).filter((type) => !type.name.startsWith('__') && !isSpecifiedScalarType(type));

describe('schema.gql descriptions', () => {
  it('describes every type but the roots', () => {
    expect(ownTypes.length).toBeGreaterThan(100);
    expect(ownTypes.filter((type) => !rootTypes.has(type as never) && !type.description).map((type) => type.name)).toEqual([]);
  });

  it('describes every field and every argument of every object and interface type, roots included', () => {
    const undescribed: string[] = [];
    for (const type of ownTypes) {
      if (!isObjectType(type) && !isInterfaceType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.description) undescribed.push(`${type.name}.${field.name}`);
        for (const argument of field.args) if (!argument.description) undescribed.push(`${type.name}.${field.name}(${argument.name})`);
      }
    }
    expect(undescribed).toEqual([]);
  });

  it('describes every input field', () => {
    const undescribed = ownTypes
      .filter(isInputObjectType)
      .flatMap((type) => Object.values(type.getFields()).filter((field) => !field.description).map((field) => `${type.name}.${field.name}`));
    expect(undescribed).toEqual([]);
  });

  it('describes every enum value', () => {
    const undescribed = ownTypes
      .filter(isEnumType)
      .flatMap((type) => type.getValues().filter((value) => !value.description).map((value) => `${type.name}.${value.name}`));
    expect(undescribed).toEqual([]);
  });
});
