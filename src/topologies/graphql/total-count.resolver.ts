import type { Type } from '@nestjs/common';
import { Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { CountedConnection } from '../../common/graphql/page-info.model.js';

/**
 * The `totalCount` of one connection type, counted only when a query selects
 * it: the connection carries `countTotal` and this field calls it, so a page
 * asked for without its total costs no count query.
 */
export function totalCountResolverOf(connection: Type<CountedConnection>): Type<unknown> {
  @Resolver(() => connection)
  class TotalCountResolver {
    @ResolveField(() => Int)
    @RequiresRole('viewer')
    totalCount(@Parent() parent: CountedConnection): Promise<number> {
      return parent.countTotal();
    }
  }
  Object.defineProperty(TotalCountResolver, 'name', { value: `${connection.name}TotalCountResolver` });
  return TotalCountResolver;
}
