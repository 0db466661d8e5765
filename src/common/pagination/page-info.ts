/**
 * Relay's PageInfo for a forward page (GraphQL Cursor Connections
 * Specification): lists page forward only, so a page has a previous page
 * exactly when it was asked for after a cursor.
 */
export interface PageInfo {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  /** The first edge's cursor; null on an empty page. */
  readonly startCursor: string | null;
  /** The last edge's cursor (pass it as `after` for the next page); null on an empty page. */
  readonly endCursor: string | null;
}

/** `edgeCursors` are the page's edges' cursors in order, each valid as `after`. */
export function forwardPageInfo(edgeCursors: readonly string[], page: { after: string | null | undefined; hasNextPage: boolean }): PageInfo {
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.after !== undefined && page.after !== null,
    startCursor: edgeCursors[0] ?? null,
    endCursor: edgeCursors[edgeCursors.length - 1] ?? null,
  };
}
