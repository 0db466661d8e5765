/**
 * What the viewer shows, as the page's URL says it, so a view can be shared
 * and reopened and the browser's back and forward step through views:
 * `/?topology=<id>&plan=<id>&replica=<namespace>/<pod>&compare=<id>`.
 * Each part needs the one before it (a replica belongs to a plan, a plan to a
 * topology); a part without its parent is dropped. Dry runs are not stored,
 * so they have no URL of their own: the topology's stands for them.
 */
export interface ViewLocation {
  topology?: string;
  plan?: string;
  /** `namespace/pod` of the replica whose explanation is open. */
  replica?: string;
  /** The stored plan `plan` is compared with (GET /v1/plans/{plan}/diff/{compare}). */
  compare?: string;
}

function present(value: string | null | undefined): string | undefined {
  return value ? value : undefined;
}

/** Every part whose parents are present; the rest dropped. */
export function normaliseViewLocation(view: ViewLocation): ViewLocation {
  const topology = present(view.topology);
  const plan = topology ? present(view.plan) : undefined;
  const replica = plan ? present(view.replica) : undefined;
  const compare = plan ? present(view.compare) : undefined;
  return { ...(topology && { topology }), ...(plan && { plan }), ...(replica && { replica }), ...(compare && { compare }) };
}

export function parseViewLocation(search: string): ViewLocation {
  const parameters = new URLSearchParams(search);
  return normaliseViewLocation({
    topology: parameters.get('topology') ?? undefined,
    plan: parameters.get('plan') ?? undefined,
    replica: parameters.get('replica') ?? undefined,
    compare: parameters.get('compare') ?? undefined,
  });
}

/** The query string of a view, `?`-prefixed, or '' for the start page. */
export function viewLocationSearch(view: ViewLocation): string {
  const normalised = normaliseViewLocation(view);
  const parameters = new URLSearchParams();
  for (const part of ['topology', 'plan', 'replica', 'compare'] as const) {
    const value = normalised[part];
    if (value !== undefined) parameters.set(part, value);
  }
  const search = parameters.toString();
  return search ? `?${search}` : '';
}
