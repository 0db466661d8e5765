import { Field, ObjectType } from '@nestjs/graphql';
import type { PageInfo } from '../pagination/page-info.js';

@ObjectType('PageInfo', { description: "Where a connection's page sits in the whole list (Relay cursor connections); lists page forward with first/after" })
export class PageInfoModel implements PageInfo {
  @Field({ description: 'more edges follow: ask again with after: endCursor' }) hasNextPage!: boolean;
  @Field({ description: 'edges come before this page (it was asked for after a cursor)' }) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true, description: "the first edge's cursor; null on an empty page" }) startCursor!: string | null;
  @Field(() => String, { nullable: true, description: "the last edge's cursor, to pass as after; null on an empty page" }) endCursor!: string | null;
}

/** A connection whose `totalCount` is counted on demand (see total-count.resolver.ts). */
export interface CountedConnection {
  readonly countTotal: () => Promise<number>;
}
