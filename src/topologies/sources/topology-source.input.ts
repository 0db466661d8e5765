/**
 * The one schema of a source as REST (`PUT /v1/topologies/{id}/source`) and
 * GraphQL (`setTopologySource`) take it: a kubeconfig (text, as `kubectl
 * config view --raw` prints it) with an optional context, or `inCluster:
 * true`; an optional namespace selector and refresh interval.
 */
import { z } from 'zod';

/** A kubeconfig with a few contexts is a few KB; one with every CA of a fleet stays far below this. */
export const MAX_KUBECONFIG_BYTES = 256 * 1024;

export const topologySourceInput = z
  .strictObject({
    kubeconfig: z
      .string()
      .min(1, 'must not be empty')
      .refine((text) => Buffer.byteLength(text) <= MAX_KUBECONFIG_BYTES, `must be at most ${MAX_KUBECONFIG_BYTES} bytes`)
      .optional()
      .meta({ description: 'a self-contained kubeconfig (kubectl config view --raw --minify): inline certificates and tokens, no exec plugins or files' }),
    context: z.string().min(1, 'must not be empty').max(253).optional().meta({ description: "the kubeconfig's context (default: its current-context)" }),
    inCluster: z.boolean().optional().meta({ description: "read the cluster podplan runs in, with its pod's service account" }),
    namespaceSelector: z.string().max(4096).optional().meta({ description: 'kubectl -l syntax over namespace labels' }),
    refreshInterval: z.string().max(32).nullable().optional().meta({ description: 'e.g. 15m, 1h, 24h; omitted or null: refresh on request only', example: '1h' }),
  })
  .superRefine((input, context) => {
    const inCluster = input.inCluster === true;
    if (inCluster && input.kubeconfig !== undefined) {
      context.addIssue({ code: 'custom', path: ['inCluster'], message: 'give either kubeconfig or inCluster: true, not both' });
    } else if (!inCluster && input.kubeconfig === undefined) {
      context.addIssue({ code: 'custom', path: ['kubeconfig'], message: 'is required (or inCluster: true, to read the cluster podplan runs in with its service account)' });
    }
    if (inCluster && input.context !== undefined) {
      context.addIssue({ code: 'custom', path: ['context'], message: 'names a kubeconfig context; an inCluster source has none' });
    }
  });

export type TopologySourceInput = z.output<typeof topologySourceInput>;
